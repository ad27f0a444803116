// Small enhancements only: every page works without this file.
"use strict";

(function () {
  // Move focus to the error summary so screen reader and keyboard users hear the problems first.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  });

  // A table wider than the screen scrolls sideways inside its .table-wrap: make that region
  // reachable by keyboard (and named) only when it really scrolls (WCAG 2.1.1, axe
  // scrollable-region-focusable).
  function labelScrollingTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (caption ? caption.textContent.trim() + ". " : "") + "Scroll sideways to see more.");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", labelScrollingTables);
  window.addEventListener("resize", labelScrollingTables);

  // Idle timeout: warn before the server signs the user out, and let them stay signed in.
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.body;
    var timeout = parseInt(body.dataset.idleTimeout || "0", 10);
    if (!timeout) return;
    var warning = parseInt(body.dataset.idleWarning || "150", 10);
    var dialog = document.getElementById("idle-warning");
    var countdown = dialog && dialog.querySelector("[data-idle-countdown]");
    var extend = dialog && dialog.querySelector("[data-idle-extend]");
    var lastActive = Date.now();
    var previousFocus = null;

    function csrfToken() {
      var input = document.querySelector("input[name=csrfmiddlewaretoken]");
      return input ? input.value : "";
    }

    function describe(seconds) {
      if (seconds >= 120) return Math.ceil(seconds / 60) + " minutes";
      if (seconds > 60) return "1 minute " + (seconds - 60) + " seconds";
      return seconds + " seconds";
    }

    function tick() {
      var left = Math.round(timeout - (Date.now() - lastActive) / 1000);
      // Go a little after the deadline: the server counts whole seconds from a moment at or
      // before this page loaded, so at 0 it may not have ended the session yet, and the
      // sign-in page would send a still-signed-in user straight back (and renew the session).
      if (left <= -2) {
        window.location.href = body.dataset.loginUrl;
        return;
      }
      if (left <= warning && dialog.hidden) {
        previousFocus = document.activeElement;
        dialog.hidden = false;
        extend.focus();
      }
      if (!dialog.hidden) countdown.textContent = describe(Math.max(left, 0));
    }

    extend.addEventListener("click", function () {
      fetch(body.dataset.keepaliveUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
      }).then(function (response) {
        if (!response.ok) {
          window.location.href = body.dataset.loginUrl;
          return;
        }
        lastActive = Date.now();
        dialog.hidden = true;
        if (previousFocus) previousFocus.focus();
      });
    });
    setInterval(tick, 1000);
  });

  // "Read this to me": the browser's own speech synthesis reads the marked part of the page.
  document.addEventListener("DOMContentLoaded", function () {
    if (!("speechSynthesis" in window)) return;
    document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
      var target = document.getElementById(button.dataset.readAloud);
      if (!target) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        if (window.speechSynthesis.speaking) {
          window.speechSynthesis.cancel();
          button.setAttribute("aria-pressed", "false");
          return;
        }
        var utterance = new SpeechSynthesisUtterance(target.innerText);
        utterance.lang = "en-GB";
        utterance.rate = 0.9;
        utterance.onend = function () {
          button.setAttribute("aria-pressed", "false");
        };
        button.setAttribute("aria-pressed", "true");
        window.speechSynthesis.speak(utterance);
      });
    });
  });
})();
