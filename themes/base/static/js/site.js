// Text-size control: three buttons change the root font size; the choice is kept
// in localStorage so it follows the visitor from page to page.
(function () {
  "use strict";
  var KEY = "site-text-size";
  var STEPS = [87.5, 100, 112.5, 125, 150];
  var root = document.documentElement;

  function apply(index) {
    root.style.fontSize = STEPS[index] + "%";
    try { localStorage.setItem(KEY, String(index)); } catch (e) { /* private mode */ }
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      var action = button.getAttribute("data-text-size");
      button.setAttribute("aria-pressed", String(action === "reset" && index === 1));
    });
  }

  var stored = 1;
  try { stored = parseInt(localStorage.getItem(KEY) || "1", 10); } catch (e) { stored = 1; }
  if (!(stored >= 0 && stored < STEPS.length)) { stored = 1; }
  var current = stored;
  if (current !== 1) { root.style.fontSize = STEPS[current] + "%"; }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-text-size");
        if (action === "larger") { current = Math.min(current + 1, STEPS.length - 1); }
        else if (action === "smaller") { current = Math.max(current - 1, 0); }
        else { current = 1; }
        apply(current);
      });
    });
  });
}());

// Print buttons (data-print): a handler here rather than onclick="", which the
// pages' Content-Security-Policy does not allow.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});
