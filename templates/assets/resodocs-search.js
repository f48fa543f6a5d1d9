// Site search with Pagefind, without a MkDocs plugin.
// - The search page (search.md) holds <div id="pagefind-search">; Pagefind's UI script and
//   stylesheet are loaded only there, on first use.
// - A small form is added to Material's header on every page; it opens the search page
//   with ?q=..., which the search page runs.
// - Works with and without navigation.instant: init runs on Material's document$, which
//   fires on the first load and after every instant navigation.
(function () {
  "use strict";
  // The site root, from this script's own URL (assets/resodocs-search.js): unlike
  // __config.base it stays right after instant navigation and under a sub-path.
  var base = new URL("../", document.currentScript.src);
  var loading = null;

  function loadPagefindUI(bundle) {
    if (window.PagefindUI) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = new URL(bundle + "/pagefind-ui.css", base).href;
        document.head.appendChild(css);
        var js = document.createElement("script");
        js.src = new URL(bundle + "/pagefind-ui.js", base).href;
        js.onload = resolve;
        js.onerror = reject;
        document.head.appendChild(js);
      });
    }
    return loading;
  }

  function addHeaderForm() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || inner.querySelector(".resodocs-search-form")) return;
    var form = document.createElement("form");
    form.className = "resodocs-search-form";
    form.setAttribute("role", "search");
    form.action = new URL("search/", base).href;
    form.innerHTML = '<input type="search" name="q" placeholder="Search" aria-label="Search">';
    var source = inner.querySelector(".md-header__source");
    inner.insertBefore(form, source);
  }

  function initSearchPage() {
    var el = document.getElementById("pagefind-search");
    if (!el || el.dataset.ready) return;
    el.dataset.ready = "1";
    // data-bundles="pagefind-archive pagefind-recent": index shards, merged in the browser
    var bundles = (el.dataset.bundles || "pagefind").split(/\s+/);
    loadPagefindUI(bundles[0]).then(function () {
      var ui = new PagefindUI({
        element: "#pagefind-search",
        bundlePath: new URL(bundles[0] + "/", base).pathname,
        mergeIndex: bundles.slice(1).map(function (b) {
          return { bundlePath: new URL(b + "/", base).pathname };
        }),
        baseUrl: base.pathname,
        showSubResults: true,
        showImages: false,
      });
      var q = new URLSearchParams(location.search).get("q");
      if (q) ui.triggerSearch(q);
    });
    // keep the query in the address (?q=), so that Back returns to the same results
    el.addEventListener("input", function (e) {
      var url = new URL(location.href);
      url.searchParams.set("q", e.target.value);
      history.replaceState(history.state, "", url);
    });
  }

  function init() {
    addHeaderForm();
    initSearchPage();
  }

  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
