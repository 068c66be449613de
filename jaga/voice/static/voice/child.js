// One phone answering twice is discouraged, never blocked, and never known to the server:
// the flag lives only in this browser's storage.
(function () {
  var body = document.body, key = "jaga-suara-";
  try {
    if (body.dataset.answered) { localStorage.setItem(key + body.dataset.answered, "1"); }
    if (body.dataset.session && localStorage.getItem(key + body.dataset.session)) {
      document.getElementById("already").hidden = false;
    }
  } catch (e) { /* storage off: nothing to do */ }
})();
