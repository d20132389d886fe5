/** The exchange's mark: a simple roundel-like square, drawn here so no image is fetched elsewhere. */
export const faviconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#0b0c0c"/><circle cx="16" cy="16" r="10" fill="none" stroke="#1d70b8" stroke-width="5"/><rect x="3" y="13.5" width="26" height="5" fill="#fff"/></svg>`;
