// Gives Decap CMS's unnamed controls the names and states a screen reader needs (axe's frame-title,
// aria-input-field-name, aria-command-name, button-name, aria-required-attr), in Swedish from the
// text catalogue (the page's trygg-names meta). It finds them by what is stable across Decap's
// releases — ids, roles, attributes of the libraries it uses (Slate, dnd-kit) and their order in
// a list item's top bar — never by Decap's generated class names, and names only what has no name
// yet, so a Decap release that names a control itself wins.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="trygg-names"]');
  var names = JSON.parse(meta ? meta.content : "{}");
  var labelCount = 0;

  // Without a name of its own; a button's text is its name, a text area's is not.
  function unnamed(element) {
    if (element.getAttribute("aria-label") || element.getAttribute("aria-labelledby") || element.title) {
      return false;
    }
    if (element.id && document.querySelector('label[for="' + CSS.escape(element.id) + '"]')) {
      return false;
    }
    return element.getAttribute("role") === "textbox" || !element.textContent.trim();
  }

  function nameAll(selector, name) {
    document.querySelectorAll(selector).forEach(function (element) {
      if (name && unnamed(element)) {
        element.setAttribute("aria-label", name);
      }
    });
  }

  // A field's own label, the nearest one above the control (Decap's label has no id to point at).
  function labelFor(control) {
    for (var box = control.parentElement; box; box = box.parentElement) {
      var label = box.querySelector("label");
      if (label) {
        label.id = label.id || "trygg-etikett-" + ++labelCount;
        return label.id;
      }
    }
    return null;
  }

  function nameControls() {
    document.querySelectorAll("iframe#preview-pane:not([title])").forEach(function (frame) {
      frame.title = names.preview || "";
    });
    // the Markdown field's rich-text area (Slate)
    document.querySelectorAll('[data-slate-editor][role="textbox"]').forEach(function (area) {
      var label = unnamed(area) && labelFor(area);
      if (label) {
        area.setAttribute("aria-labelledby", label);
      }
    });
    // Decap's toggle leaves aria-checked out until it is first switched: off until then
    document.querySelectorAll('[role="switch"]:not([aria-checked])').forEach(function (toggle) {
      toggle.setAttribute("aria-checked", "false");
    });
    nameAll('button[role="switch"]', names.markdown);  // the one toggle without a label: Markdown on/off
    // a list item's top bar: fold button, drag handle (dnd-kit's sortable), remove button
    document.querySelectorAll('[role="button"][aria-roledescription="sortable"]').forEach(function (handle) {
      if (unnamed(handle)) {
        handle.setAttribute("aria-label", names.move || "");
      }
      var before = handle.previousElementSibling, after = handle.nextElementSibling;
      if (before && before.tagName === "BUTTON" && unnamed(before)) {
        before.setAttribute("aria-label", names.fold || "");
      }
      if (after && after.tagName === "BUTTON" && unnamed(after)) {
        after.setAttribute("aria-label", names.remove || "");
      }
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        nameControls();
      });
    }
  }).observe(document.body, { childList: true, subtree: true });
})();
