// The withdrawal page: asks the Studio every few seconds whether the public copy answers 410 Gone yet,
// and reloads the page when it does. Without JavaScript the page refreshes itself instead (a <noscript>
// meta refresh). Checking stops after a bounded number of tries and says so.
(function () {
  "use strict";
  var section = document.querySelector("[data-poll-url]");
  if (!section || !window.fetch) return;
  var url = section.getAttribute("data-poll-url");
  var note = section.querySelector("[data-poll-note]");
  var everyMs = 2000;
  var maxTries = 150; // five minutes, as long as the server keeps the page checking
  var tries = 0;

  function say(text) {
    if (note) note.textContent = text;
  }

  function next() {
    if (tries >= maxTries) {
      say("Stopped checking after five minutes. The public copy has not gone yet: reload this page to check again, " +
        "and ask an administrator to check Search's health and error queues.");
      return;
    }
    window.setTimeout(check, everyMs);
  }

  function check() {
    tries++;
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (status && status.state === "gone") {
          window.location.reload();
          return;
        }
        next();
      }, next);
  }

  next();
})();
