// Evidence thumbnails open large in a <dialog> on the page; without script (or without
// <dialog> support) the link still opens the image by itself.
document.addEventListener("click", (event) => {
  if (event.target.matches("dialog.lightbox")) {  // a click on the backdrop closes it
    event.target.close();
    return;
  }
  const link = event.target.closest("a[data-lightbox]");
  const dialog = link && document.getElementById(link.dataset.lightbox);
  if (!dialog || typeof dialog.showModal !== "function") return;
  event.preventDefault();
  dialog.showModal();
});
