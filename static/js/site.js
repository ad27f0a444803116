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

// --- planning: capture board ---
// Add a note without reloading the page, keeping focus in the note box so the next one can be
// typed straight away; "Note added" is announced. Without this the form posts and the page
// comes back at the question. Any answer but the new note (a problem to correct, a refusal)
// falls back to the ordinary post, so errors are shown exactly as without JavaScript.
(function () {
  // One more best guess on the board: keep "N best guesses to check" true without a reload.
  function countGuess() {
    var link = document.querySelector("[data-guess-count]");
    if (!link) return;
    var count = Number(link.dataset.guessCount) + 1;
    link.dataset.guessCount = String(count);
    link.textContent =
      (count === 1 ? "1 best guess" : count + " best guesses") +
      " to check with " + link.dataset.checker;
    link.parentElement.classList.add("notice");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var status = document.querySelector("[data-board-status]");
    document.querySelectorAll("form[data-board-add]").forEach(function (form) {
      var speaker = form.querySelector("[data-speaker-select] select");
      var someoneElse = form.querySelector("[data-someone-else]");
      if (speaker && someoneElse) {
        var showSomeoneElse = function () {
          someoneElse.hidden = speaker.value !== "other";
        };
        speaker.addEventListener("change", showSomeoneElse);
        showSomeoneElse();
      }
      if (!status || !window.fetch) return;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var textarea = form.querySelector("textarea");
        var button = form.querySelector("[type=submit]");
        var headers = {};
        headers[form.dataset.fragmentHeader] = "note";
        button.disabled = true;
        fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: headers,
          credentials: "same-origin",
        })
          .then(function (response) {
            if (response.status !== 201) throw new Error("not added");
            return response.text();
          })
          .then(function (html) {
            var list = form.closest("[data-board-card]").querySelector("[data-note-list]");
            var empty = list.querySelector("[data-no-notes]");
            if (empty) empty.remove();
            var holder = document.createElement("template");
            holder.innerHTML = html.trim();
            var added = holder.content.firstElementChild;
            list.appendChild(holder.content);
            if (added && added.classList.contains("board-note--best_guess")) countGuess();
            textarea.value = "";
            button.disabled = false;
            textarea.focus();
            status.textContent = "";
            setTimeout(function () {
              status.textContent = "Note added";
            }, 100);
          })
          .catch(function () {
            button.disabled = false;
            form.submit();
          });
      });
    });
  });
})();

// --- planning: Plan Book batches ---
// The batch page asks status.json every second and moves the progress bar, announcing the
// words ("12 of 18 Plan Books made") politely; when the batch ends it shows the download link
// or the error, and stops. Without this the page's "Check again" link reloads it.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-batch-progress]");
    if (!box || box.hasAttribute("data-finished") || !window.fetch) return;
    var bar = box.querySelector("[data-batch-bar]");
    var words = box.querySelector("[data-batch-words]");
    var label = box.querySelector("[data-batch-label]");
    var announce = box.querySelector("[data-batch-announce]");
    var checkAgain = box.querySelector("[data-batch-check-again]");
    var lastWords = words.textContent;
    function show(state) {
      bar.max = state.total || 1;
      bar.value = state.done;
      bar.textContent = state.percent + "%";
      words.textContent = state.words;
      label.textContent = state.status_label;
      if (state.words !== lastWords || state.finished) {
        announce.textContent = state.finished ? state.status_label + ". " + state.words : state.words;
        lastWords = state.words;
      }
      if (!state.finished) return false;
      label.classList.toggle("tag--warn", state.status === "failed");
      if (state.error) {
        box.querySelector("[data-batch-error-text]").textContent = state.error;
        box.querySelector("[data-batch-error]").hidden = false;
      }
      if (state.download_url) {
        box.querySelector("[data-batch-download-link]").href = state.download_url;
        box.querySelector("[data-batch-download]").hidden = false;
      }
      if (checkAgain) checkAgain.hidden = true;
      return true;
    }
    function poll() {
      fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("status " + response.status);
          return response.json();
        })
        .then(function (state) {
          if (!show(state)) setTimeout(poll, 1000);
        })
        .catch(function () {
          // Leave the "Check again" link to the user rather than polling a failing server.
        });
    }
    setTimeout(poll, 1000);
  });
})();

// --- week: entry form ---
// Show the fields that depend on an earlier answer only when they apply. Without JavaScript
// every field shows; a field with an error always shows.
(function () {
  document.querySelectorAll("[data-week-entry-form]").forEach(function (form) {
    function checked(name) {
      var input = form.querySelector('input[name="' + name + '"]:checked');
      return input ? input.value : "";
    }
    function showGroup(name, visible) {
      var field = form.querySelector('[name="' + name + '"]');
      var group = field && field.closest(".form-group");
      if (!group) return;
      group.hidden = !visible && !group.classList.contains("form-group--error");
    }
    function update() {
      var ratio = checked("support_ratio");
      var repeats = checked("repeats");
      showGroup("support_kind", ratio !== "none");
      showGroup("shared_by", ratio === "shared");
      showGroup("month_week", repeats === "monthly");
      showGroup("custom_rule", repeats === "custom");
      showGroup("repeats_from", repeats !== "" && repeats !== "weekly");
    }
    form.addEventListener("change", update);
    update();
  });
})();
