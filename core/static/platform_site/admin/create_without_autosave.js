// A page that was never saved is not autosaved: Wagtail's autosave would create it (a draft
// the editor never asked for) as soon as the title is typed, and an abandoned "add" form would
// leave that draft behind, its slug taken. The page comes into being when the editor clicks
// "Save draft", "Submit" or "Publish"; from then on the edit view autosaves as usual.
// Wagtail's autosave controller dispatches a cancelable "w-autosave:save" event before it sends.
(() => {
  const addPath = document.currentScript && document.currentScript.dataset.addPath;
  if (!addPath) return;
  document.addEventListener("w-autosave:save", (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && new URL(form.action).pathname.startsWith(addPath)) {
      event.preventDefault();
    }
  });
})();
