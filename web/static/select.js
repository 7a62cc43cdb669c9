// select.js fills the reader's "add a claim" form from the words an analyst
// selects in the source text: their exact text and their byte offsets in
// the source (UTF-8, as the server counts them). The reader's text nodes,
// less the numbered links after each highlight, are the source's text.
(function () {
  "use strict";
  var reader = document.getElementById("reader");
  var form = document.getElementById("add-claim");
  if (!reader || !form) { return; }
  var enc = new TextEncoder();
  var bytes = function (s) { return enc.encode(s).length; };
  var counted = function (node) {
    var p = node.parentNode;
    return !(p && p.closest && p.closest("a.tag"));
  };
  // offset is the byte offset of (container, off), a DOM range boundary.
  var offset = function (container, off) {
    var walk = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
    var total = 0, n;
    var probe = document.createRange();
    probe.setStart(container, off);
    while ((n = walk.nextNode())) {
      if (!counted(n)) { continue; }
      if (n === container) { return total + bytes(n.data.slice(0, off)); }
      // A boundary on an element: stop at the first text node after it.
      var r = document.createRange();
      r.selectNodeContents(n);
      if (r.compareBoundaryPoints(Range.START_TO_START, probe) >= 0) { return total; }
      total += bytes(n.data);
    }
    return total;
  };
  var fill = function () {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var r = sel.getRangeAt(0);
    if (!reader.contains(r.commonAncestorContainer)) { return; }
    var start = offset(r.startContainer, r.startOffset);
    var end = offset(r.endContainer, r.endOffset);
    if (end <= start) { return; }
    form.querySelector("#add-claim-start").value = start;
    form.querySelector("#add-claim-end").value = end;
    form.querySelector("#add-claim-quote").value = sel.toString().trim();
  };
  document.addEventListener("selectionchange", fill);
  // Typing the words by hand: offsets filled earlier no longer apply.
  form.querySelector("#add-claim-quote").addEventListener("input", function () {
    form.querySelector("#add-claim-start").value = "";
    form.querySelector("#add-claim-end").value = "";
  });
})();
