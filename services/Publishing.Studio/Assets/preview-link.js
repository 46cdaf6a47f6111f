// The share-preview page: a "Copy link" button beside the new link's field. Without JavaScript (or
// without the clipboard) the button stays hidden and the field is there to select and copy by hand.
(function () {
  "use strict";
  var button = document.querySelector("[data-copy-button]");
  var field = document.querySelector("[data-copy-source]");
  var note = document.querySelector("[data-copy-note]");
  if (!button || !field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      if (note) note.textContent = "Link copied.";
    }, function () {
      field.select();
      if (note) note.textContent = "Could not copy: the link is selected, copy it with your keyboard.";
    });
  });
})();
