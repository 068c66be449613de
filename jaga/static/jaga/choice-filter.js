// The text filter of grouped checkboxes (core/widgets/grouped_checkboxes.html): typing hides
// the options whose label, or whose group's name, does not contain the words; ticked options
// stay visible. Listens on the document, so lists swapped in by htmx work too. Without this
// script the filter box stays hidden and every option is shown.
(function () {
  if (window.jagaChoiceFilter) return;
  window.jagaChoiceFilter = true;

  function reveal(root) {
    root.querySelectorAll("[data-choice-filter]").forEach(function (box) { box.hidden = false; });
  }

  function filter(list, words) {
    list.querySelectorAll("fieldset").forEach(function (group) {
      var groupMatches = group.querySelector("legend").textContent.toLowerCase().indexOf(words) >= 0;
      var shown = 0;
      group.querySelectorAll("label").forEach(function (option) {
        var ticked = option.querySelector("input").checked;
        var match = !words || groupMatches || ticked || option.textContent.toLowerCase().indexOf(words) >= 0;
        option.hidden = !match;
        if (match) shown += 1;
      });
      group.hidden = shown === 0;
    });
  }

  document.addEventListener("input", function (event) {
    var box = event.target.closest("[data-choice-filter]");
    if (box) filter(box.closest("[data-choices]"), event.target.value.trim().toLowerCase());
  });
  document.addEventListener("keydown", function (event) {
    // Enter in the filter box would send the whole form half filled in.
    if (event.key === "Enter" && event.target.closest("[data-choice-filter]")) event.preventDefault();
  });
  document.addEventListener("htmx:load", function (event) { reveal(event.target); });
  reveal(document);
})();
