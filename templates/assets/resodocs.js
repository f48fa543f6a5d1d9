// resodocs: the "cite" button copies a paragraph's citation ("A/RES/78/167, para. 5").
// Delegated on the document, so it keeps working with Material's instant navigation.
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest("button.cite") : null;
  if (!button) return;
  var text = button.getAttribute("data-cite");
  var done = function () {
    button.classList.add("copied");
    button.setAttribute("title", "Copied: " + text);
    setTimeout(function () { button.classList.remove("copied"); }, 1500);
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(done, function () { window.prompt("Citation", text); });
  } else {
    window.prompt("Citation", text);
  }
});
