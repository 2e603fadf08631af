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

// Live preview of the identity printed on certificates (R16) while it is typed;
// the server computes the same text when the form is saved.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-printed-name]");
  var out = document.getElementById("printed-name");
  if (!form || !out) { return; }
  function value(name) { var el = form.elements[name]; return el ? el.value.trim() : ""; }
  function update() {
    var birth = value("birth_name").toUpperCase(), usage = value("usage_name").toUpperCase();
    var text = usage && usage !== birth ? usage + " (" + birth + ")" : birth;
    if (value("first_name1")) { text += " " + value("first_name1"); }
    var d = value("birth_date").split("-");
    if (d.length === 3) { text += ", né(e) le " + d[2] + "/" + d[1] + "/" + d[0]; }
    out.textContent = text || "—";
  }
  form.addEventListener("input", update);
});
