// wagtail-localize's translation editor titles its form "`${source} to ${target} translation`"
// in code, outside its catalogue ("Svenska to English translation" in the Swedish admin). This
// puts our translated title in its place. Loaded on every editor page; does nothing elsewhere.
// Upstream: the string is a template literal in wagtail-localize's editor bundle (see
// tests/core/test_upstream_strings.py, which fails once it changes).
(function () {
  "use strict";
  // Known only while this runs: the admin loads editor scripts at the top of <body>.
  var script = document.currentScript;
  if (!script) return;

  function start() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) return;
    var props;
    try {
      props = JSON.parse(editor.dataset.props);
    } catch (error) {
      return;
    }
    var source = props.sourceLocale && props.sourceLocale.displayName;
    var target = props.locale && props.locale.displayName;
    if (!source || !target) return;
    var upstream = source + " to " + target + " translation";
    var ours = script.dataset.title.replace("{source}", source).replace("{target}", target);

    function retitle() {
      var walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      var node;
      while ((node = walker.nextNode())) {
        if (node.nodeValue.trim() === upstream) node.nodeValue = ours;
      }
    }
    // The editor is a React app: its title appears, and may be drawn again, after load.
    new MutationObserver(retitle).observe(editor, { childList: true, subtree: true });
    retitle();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
