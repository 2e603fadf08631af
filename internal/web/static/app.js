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
    var sex = form.querySelector("input[name=sex]:checked");
    var born = !sex ? "né·e" : sex.value === "F" ? "née" : "né"; // certif.Agreed
    if (d.length === 3) { text += ", " + born + " le " + d[2] + "/" + d[1] + "/" + d[0]; }
    out.textContent = text || "—";
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
});

// Progress of a long import (/suivi/{id}): poll its state and show the result
// as soon as it is ready. Without JavaScript the page has a link to refresh it.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-job]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-job");
  var bar = document.getElementById("avancement");
  var phase = document.getElementById("job-phase");
  var count = document.getElementById("job-count");
  var status = document.getElementById("job-status");
  var announced = "";
  function number(n) { return n.toLocaleString("fr-FR"); }
  function show(s) {
    phase.textContent = s.phase;
    if (s.total > 0) {
      bar.max = s.total;
      bar.value = s.done;
      count.textContent = number(s.done) + " sur " + number(s.total) + " lignes (" + s.percent + " %)";
    } else {
      bar.removeAttribute("value");
      count.textContent = "Veuillez patienter…";
    }
    // Screen readers hear each new step and each tenth, not every poll.
    var said = s.phase + (s.total > 0 ? " : " + Math.floor(s.percent / 10) * 10 + " %" : "");
    if (said !== announced) { status.textContent = said; announced = said; }
  }
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { window.location.replace(url); return null; }
      return response.json();
    }).then(function (s) {
      if (!s) { return; }
      if (s.finished) { window.location.replace(url); return; }
      show(s);
      window.setTimeout(poll, 400);
    }).catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 400);
});

// On a wide screen the menu's groups show without its button (CSS, through
// ::details-content); a browser that cannot do so gets the menu opened there.
document.addEventListener("DOMContentLoaded", function () {
  var menu = document.querySelector(".menu details");
  if (!menu || !window.matchMedia || (window.CSS && CSS.supports && CSS.supports("selector(::details-content)"))) { return; }
  if (window.matchMedia("(min-width: 48rem)").matches) { menu.open = true; }
});

// The birth commune's code offers, as it is typed (a code's start or a
// name's), the communes of the official list, and names the chosen one; the
// server names it too once the form is sent.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-communes]").forEach(function (input) {
    var list = input.list, name = document.getElementById(input.id + "-commune");
    var asked = "", labels = {};
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (name) { name.textContent = labels[q.toUpperCase()] || ""; }
      if (q.length < 2 || q === asked || labels[q.toUpperCase()]) { return; }
      asked = q;
      fetch(input.dataset.communes + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (res) { return res.ok ? res.json() : []; })
        .then(function (found) {
          if (q !== asked || !list) { return; }
          list.replaceChildren();
          found.forEach(function (c) {
            labels[c.code] = c.label;
            var opt = document.createElement("option");
            opt.value = c.code;
            opt.label = c.label;
            list.appendChild(opt);
          });
          if (name) { name.textContent = labels[input.value.trim().toUpperCase()] || ""; }
        })
        .catch(function () {});
    });
  });
});
