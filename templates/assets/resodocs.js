// resodocs: a "cite" button after each paragraph of a resolution page. The paragraph's number
// (or pilcrow) is its permalink and carries the citation in its title ("A/RES/78/167, para. 5");
// the button copies it. Added on every page view (Material's document$ also fires after instant
// navigation); without JavaScript the number's title still shows the citation.
(function () {
  "use strict";

  function addButtons() {
    document.querySelectorAll(".para > p > a.pnum").forEach(function (num) {
      var p = num.parentNode;
      if (p.querySelector(":scope > .ptools")) return;
      var tools = document.createElement("span");
      tools.className = "ptools";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite";
      button.textContent = "cite";
      button.setAttribute("data-cite", num.getAttribute("title"));
      button.setAttribute("aria-label", "Copy the citation " + num.getAttribute("title"));
      tools.appendChild(button);
      p.appendChild(document.createTextNode(" "));
      p.appendChild(tools);
    });
  }

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

  if (window.document$) window.document$.subscribe(addButtons);
  else document.addEventListener("DOMContentLoaded", addButtons);
})();
