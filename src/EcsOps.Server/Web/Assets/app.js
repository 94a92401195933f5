// Progressive enhancement only: the page is complete without it.
(function () {
  "use strict";

  // Times are written in UTC by the server; show them in the viewer's zone.
  document.querySelectorAll("time[datetime]").forEach(function (element) {
    var date = new Date(element.getAttribute("datetime"));
    if (!isNaN(date.getTime())) {
      element.title = element.textContent;
      element.textContent = date.toLocaleString();
    }
  });

  // A filter by state above the runs table.
  var table = document.getElementById("runs");
  var filter = document.getElementById("state-filter");
  if (table && filter) {
    var states = {};
    table.querySelectorAll("tbody tr[data-state]").forEach(function (row) { states[row.dataset.state] = true; });
    Object.keys(states).sort().forEach(function (state) {
      var option = document.createElement("option");
      option.value = state;
      option.textContent = state;
      filter.appendChild(option);
    });
    filter.hidden = false;
    filter.addEventListener("change", function () {
      table.querySelectorAll("tbody tr[data-state]").forEach(function (row) {
        row.hidden = filter.value !== "" && row.dataset.state !== filter.value;
      });
    });
  }

  // Pages that show unfinished runs refresh themselves.
  if (document.body.dataset.refreshSeconds) {
    setTimeout(function () { location.reload(); }, 1000 * Number(document.body.dataset.refreshSeconds));
  }

  document.documentElement.dataset.enhanced = "yes";
})();
