/**
 * Saves text as a file through the browser's download, which works from file:// pages and from
 * any static host because nothing is sent anywhere. The text is encoded as UTF-8 without a BOM.
 */
export function downloadText(text: string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();

  // Revoking the URL before the browser has started the download can cancel it, so it stays valid
  // for a minute, which is ample for a local blob.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}
