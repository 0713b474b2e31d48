// The order page follows its order's status: on each event the server
// sends, the page is read again and its live parts (status, payment,
// prescription, history) are put in place, so a change shows without a
// reload. Without this script the page shows the status as it was loaded.
(function () {
  "use strict";
  var root = document.querySelector("[data-events]");
  if (!root || !window.EventSource || !window.fetch || !window.DOMParser) {
    return;
  }
  var busy = false;
  var again = false;

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    document.querySelectorAll("[data-live]").forEach(function (old) {
      var next = fresh.getElementById(old.id);
      if (next) {
        old.replaceWith(document.importNode(next, true));
      }
    });
  }

  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(window.location.pathname, {
      credentials: "same-origin",
      headers: { Accept: "text/html" }
    })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (html) {
          swap(html);
        }
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  new EventSource(root.getAttribute("data-events")).addEventListener("status", refresh);
})();
