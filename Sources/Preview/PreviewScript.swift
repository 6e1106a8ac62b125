/// `/_preview/reload.js`: the only script a preview page gets, from a file of the preview server
/// (never inline, never in a published build). It reloads the page after each build, and shows
/// a failed build's errors in a box at the top of the page (as text, never as markup).
enum PreviewScript {
    static let path = "/_preview/reload.js"
    static let tag = "<script src=\"\(path)\" defer></script>"

    static let source = """
        "use strict";
        (function () {
          var box = null;
          function show(text) {
            if (!box) {
              box = document.createElement("pre");
              box.id = "tabi-preview-failures";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;inset:0 0 auto 0;z-index:1000;margin:0;padding:1rem;max-height:50vh;" +
                "overflow:auto;white-space:pre-wrap;background:#fff3f3;color:#7a0000;border-bottom:3px solid #c62828;font:14px/1.4 monospace";
              document.body.appendChild(box);
            }
            box.textContent = "Build failed:\\n" + text;
          }
          var seen = null;
          var events = new EventSource("/_preview/events");
          events.addEventListener("hello", function (event) {
            if (seen !== null && event.data !== seen) { location.reload(); }
            seen = event.data;
          });
          events.addEventListener("reload", function () { location.reload(); });
          events.addEventListener("failed", function (event) { show(event.data); });
        })();
        """
}
