// certibloc: a few progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", function () {
  // Bring keyboard and screen-reader users to the error summary of a refused form.
  var summary = document.getElementById("erreurs");
  if (summary) { summary.focus(); }
  // Ask before destructive actions.
  document.querySelectorAll("form.danger, form:has(button.danger)").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm("Confirmez-vous cette suppression ?")) { event.preventDefault(); }
    });
  });
});
