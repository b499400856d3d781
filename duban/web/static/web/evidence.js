// Evidence thumbnails: a photo opens large in its <dialog>, a PDF opens its viewer below.
// Without script (or without <dialog>) the thumbnail's link opens the file by itself.
document.addEventListener("click", (event) => {
  if (event.target.matches("dialog.lightbox")) {  // a click on the backdrop closes it
    event.target.close();
    return;
  }
  const link = event.target.closest("a[data-opens]");
  const target = link && document.getElementById(link.dataset.opens);
  if (target instanceof HTMLDialogElement && typeof target.showModal === "function") {
    event.preventDefault();
    target.showModal();
  } else if (target instanceof HTMLDetailsElement) {
    event.preventDefault();
    target.open = true;
    target.scrollIntoView({block: "nearest"});
  }
});
