// Visit counter (operations.visits): counts this visit and shows the site's figures
// in the footer; the page itself stays in the page cache.
(function () {
  "use strict";
  var box = document.querySelector("[data-visit-counter]");
  if (!box || !window.fetch) return;
  fetch(box.getAttribute("data-visit-counter"), { method: "POST", credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (figures) {
      if (!figures) return;
      ["online", "today", "total"].forEach(function (name) {
        var cell = box.querySelector('[data-visits="' + name + '"]');
        if (cell) cell.textContent = Number(figures[name]).toLocaleString("vi-VN");
      });
      box.hidden = false;
    })
    .catch(function () {});
})();
