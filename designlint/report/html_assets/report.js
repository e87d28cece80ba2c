// designlint report: filters, and the diagram and the findings linked both ways. The page reads
// without it; nothing here fetches anything.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("designlint-data").textContent);
  var status = document.getElementById("status");

  function say(text) { if (status) { status.textContent = text; } }

  function nodesOf(section) {
    var map = {};
    section.querySelectorAll("svg g.node").forEach(function (g) {
      var title = g.querySelector("title");
      if (title && !g.classList.contains("legend")) { map[title.textContent] = g; }
    });
    return map;
  }

  function highlight(section, component) {
    section.querySelectorAll("g.node.highlight").forEach(function (g) { g.classList.remove("highlight"); });
    var g = nodesOf(section)[component];
    if (g) { g.classList.add("highlight"); }
    return g;
  }

  function applyFilters(section) {
    var form = section.querySelector("form.filters");
    if (!form) { return; }
    var want = {};
    ["severity", "rule", "component"].forEach(function (k) { want[k] = form.elements[k].value; });
    var shown = 0;
    section.querySelectorAll("table.findings tbody tr").forEach(function (tr) {
      var ok = ["severity", "rule", "component"].every(function (k) {
        return !want[k] || tr.dataset[k] === want[k];
      });
      tr.hidden = !ok;
      if (ok) { shown += 1; }
    });
    say(shown + " finding" + (shown === 1 ? "" : "s") + " shown");
  }

  document.querySelectorAll("section.design").forEach(function (section) {
    var key = section.id;
    var info = data[key] || {components: {}};
    var form = section.querySelector("form.filters");
    if (form) {
      form.hidden = false;
      form.addEventListener("change", function () { applyFilters(section); });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
    }
    section.querySelectorAll("button.component").forEach(function (button) {
      button.addEventListener("click", function () {
        section.querySelectorAll("tr.selected").forEach(function (tr) { tr.classList.remove("selected"); });
        button.closest("tr").classList.add("selected");
        var g = highlight(section, button.dataset.component);
        if (g) { g.scrollIntoView({block: "nearest", inline: "nearest"}); }
        say(button.dataset.component + " highlighted in the diagram");
      });
    });
    var zoom = section.querySelector("button.zoom");
    if (zoom) {  // the diagram fits the page; this shows it at the size Graphviz drew it, to scroll
      zoom.hidden = false;
      zoom.addEventListener("click", function () {
        var actual = zoom.closest("figure").classList.toggle("actual");
        zoom.setAttribute("aria-pressed", String(actual));
        zoom.textContent = actual ? "Fit to page" : "Actual size";
      });
    }
    var nodes = nodesOf(section);
    Object.keys(nodes).forEach(function (name) {
      var g = nodes[name];
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      var found = (info.components[name] || []).length;
      g.setAttribute("aria-label", name + ": " + found + " finding" + (found === 1 ? "" : "s"));
      function choose() {
        highlight(section, name);
        if (form) {
          var select = form.elements.component;
          var listed = Array.prototype.some.call(select.options, function (o) { return o.value === name; });
          form.elements.severity.value = "";
          form.elements.rule.value = "";
          select.value = listed ? name : "";
          applyFilters(section);
          if (!listed) {  // a component with no finding: the table shows none
            section.querySelectorAll("table.findings tbody tr").forEach(function (tr) { tr.hidden = true; });
          }
        }
        say(name + ": " + found + " finding" + (found === 1 ? "" : "s") +
            (found ? " (" + info.components[name].join("; ") + ")" : ""));
      }
      g.addEventListener("click", function (e) { e.preventDefault(); choose(); });
      g.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(); }
      });
    });
  });
})();
