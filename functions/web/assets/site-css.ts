/**
 * The one stylesheet, in the spirit of the GOV.UK Design System: system fonts (nothing is
 * fetched from elsewhere), strong contrast, a thick yellow focus ring, and fixed sizes for
 * everything that loads so nothing moves once the page is drawn. Kept as a string so the
 * Lambda bundle carries it without a file loader.
 */
export const siteCss = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:"Helvetica Neue",Helvetica,Arial,sans-serif;font-size:1.1875rem;line-height:1.4;color:#0b0c0c;background:#fff}
a{color:#1d70b8;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#003078;text-decoration-thickness:max(3px,.1875rem)}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus,[tabindex]:focus{outline:3px solid transparent}
a:focus{color:#0b0c0c;background:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
input:focus,select:focus,textarea:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
button:focus,.button:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 1px #fd0,0 2px #0b0c0c}
summary:focus{background:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c}
.skip-link{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:#fd0;color:#0b0c0c}
.skip-link:focus{left:0;z-index:10}
.header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
.header__inner,.main,.footer__inner,.phase{max-width:960px;margin:0 auto;padding:0 15px}
.header__inner{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1.5rem;padding-top:.6rem;padding-bottom:.6rem}
.header a,.header a:visited{color:#fff;text-decoration:none}
.header a:hover{text-decoration:underline}
.header a:focus{color:#0b0c0c}
.header__brand{font-weight:700;font-size:1.5rem;display:inline-flex;align-items:center;gap:.5rem}
.header__nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.header__nav form{display:inline;margin:0}
.link-button{background:none;border:0;padding:0;font:inherit;color:#fff;text-decoration:none;cursor:pointer}
.link-button:hover{text-decoration:underline}
.link-button:focus{color:#0b0c0c;background:#fd0}
.phase{padding-top:.5rem;padding-bottom:.5rem;border-bottom:1px solid #b1b4b6;font-size:1rem}
.tag{display:inline-block;padding:.15rem .45rem .1rem;font-size:.875rem;font-weight:700;letter-spacing:.02em;text-transform:uppercase;color:#fff;background:#1d70b8;line-height:1.25}
.tag--open{background:#00703c}.tag--shared{background:#1d70b8}.tag--private{background:#505a5f}
.tag--failed{background:#d4351c}.tag--validating,.tag--awaiting-upload{background:#505a5f}.tag--published{background:#00703c}
.tag--overdue{background:#942514}
.main{padding-top:1.5rem;padding-bottom:3rem;min-height:60vh}
h1{font-size:2.25rem;line-height:1.1;margin:0 0 1.5rem}
h2{font-size:1.6rem;line-height:1.2;margin:2rem 0 1rem}
h3{font-size:1.25rem;margin:1.5rem 0 .75rem}
p{margin:0 0 1rem}
.lead{font-size:1.4rem}
.secondary{color:#505a5f}
.small{font-size:1rem}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
.grid{display:grid;gap:1.5rem}
@media (min-width:641px){.grid--two{grid-template-columns:1fr 1fr}.grid--sidebar{grid-template-columns:1fr 3fr}.grid--three{grid-template-columns:repeat(3,1fr)}}
.stat{border-left:5px solid #1d70b8;padding-left:.75rem}
.stat__value{display:block;font-size:2.25rem;font-weight:700;line-height:1.1}
.list{list-style:none;margin:0 0 1rem;padding:0}.list li{margin-bottom:.4rem}
.list--bullet{list-style:disc;padding-left:1.25rem}
.result{border-top:1px solid #b1b4b6;padding:1rem 0}
.result h3{margin:0 0 .4rem;font-size:1.3rem}
.meta{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:1rem;color:#505a5f;margin:0 0 .5rem;padding:0;list-style:none}
.facet{border:0;margin:0 0 1.25rem;padding:0}
.facet legend{font-weight:700;margin-bottom:.4rem}
.facet ul{list-style:none;margin:0;padding:0}.facet li{margin:.3rem 0}
.facet a[aria-current="true"]{font-weight:700}
.filters{margin:0 0 1rem;border-bottom:1px solid #b1b4b6}
.filters>summary{font-weight:700;padding:.6rem 0;min-height:2.75rem}
.filters__body{padding-top:.5rem}
@media (min-width:641px){.filters{border:0}.filters>summary{display:none}.filters::details-content{display:block;content-visibility:visible}.filters__body{padding-top:0}}
.results__head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.25rem 1.5rem}
.results__head p{margin-bottom:.5rem}
.sort{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline;font-size:1rem;margin-bottom:.5rem}
.sort ul{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;margin:0;padding:0}
.sort__label{font-weight:700}
.sort a[aria-current="true"]{font-weight:700;color:#0b0c0c;text-decoration:none;border-bottom:3px solid #1d70b8}
.format{display:inline-block;margin-right:.3rem;padding:0 .35rem;border:1px solid #505a5f;color:#0b0c0c;font-size:.875rem;font-weight:700;line-height:1.4}
.data-note--none{font-style:italic}
.no-results{border-left:5px solid #b1b4b6;padding-left:1rem;margin-bottom:1.5rem}
.no-results h3{margin-top:.5rem}
.jump-links{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;margin:0 0 1rem;padding:0}
@media (min-width:641px){.organisation-list{columns:2;column-gap:2rem}.organisation-list li{break-inside:avoid}}
.form-group{margin-bottom:1.5rem}
.form-group--error{border-left:5px solid #d4351c;padding-left:15px}
label,.label{display:block;font-weight:700;margin-bottom:.3rem}
.hint{display:block;color:#505a5f;margin-bottom:.4rem;font-size:1rem}
.error-message{display:block;color:#d4351c;font-weight:700;margin-bottom:.4rem}
input[type=text],input[type=password],input[type=search],input[type=email],input[type=date],input[type=number],select,textarea{font:inherit;font-size:1.1875rem;width:100%;max-width:40rem;padding:.3rem .4rem;border:2px solid #0b0c0c;border-radius:0;background:#fff;color:#0b0c0c;min-height:2.5rem}
textarea{min-height:7rem}
input.input--error,select.input--error,textarea.input--error{border-color:#d4351c}
input[type=file]{font:inherit;max-width:100%}
.checkboxes{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0;padding:0;list-style:none}
.checkboxes label{display:inline;font-weight:400}
.checkboxes input{width:1.25rem;height:1.25rem;margin-right:.4rem;vertical-align:middle}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:700;padding:0;margin-bottom:.4rem}
.search-bar{display:flex;max-width:40rem;margin-bottom:1.5rem}
.search-bar input{flex:1;min-width:0}
.button{display:inline-block;font:inherit;font-size:1.1875rem;line-height:1.2;padding:.5rem .75rem .45rem;border:2px solid transparent;border-radius:0;color:#fff;background:#00703c;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none;margin:0 .5rem .75rem 0}
.button:visited,.button:hover{color:#fff}.button:hover{background:#005a30}
.button--secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}.button--secondary:visited,.button--secondary:hover{color:#0b0c0c;background:#dbdad9}
.button--warning{background:#d4351c;box-shadow:0 2px 0 #55150b}.button--warning:hover{background:#aa2a16}
.button:focus,.button--secondary:focus{color:#0b0c0c;background:#fd0}
.search-bar .button{margin:0;box-shadow:none}
.button-row{display:flex;flex-wrap:wrap;align-items:center}
.error-summary{border:5px solid #d4351c;padding:1rem;margin-bottom:2rem}
.error-summary h2{margin-top:0}
.error-summary a{color:#d4351c;font-weight:700}
.notice{border-left:10px solid #1d70b8;background:#f3f2f1;padding:1rem;margin-bottom:1.5rem}
.notice--success{border-color:#00703c}
.notice--warning{border-color:#d4351c}
.table-wrap{overflow-x:auto;margin-bottom:1.5rem;max-width:100%}
.table-wrap:focus{outline:3px solid #fd0}
table{border-collapse:collapse;width:100%;font-size:1rem}
caption{text-align:left;font-weight:700;margin-bottom:.5rem;font-size:1.1875rem}
th,td{text-align:left;vertical-align:top;padding:.5rem 1rem .5rem 0;border-bottom:1px solid #b1b4b6}
th{font-weight:700}
td.num,th.num{text-align:right}
#preview-table th,#preview-table td{white-space:nowrap}
#preview-table td.num{font-variant-numeric:tabular-nums}
.column-heading{display:block}
.column-name{display:block;font-weight:400;font-size:.8125rem;color:#505a5f;overflow-wrap:anywhere}
figcaption .column-name{margin-top:.1rem}
.profile-more{margin-top:1.25rem}
.profile-more>summary{font-weight:700;margin-bottom:1rem}
.summary-list{margin:0 0 1.5rem;padding:0}
.summary-list div{display:grid;grid-template-columns:1fr;border-bottom:1px solid #b1b4b6;padding:.5rem 0}
@media (min-width:641px){.summary-list div{grid-template-columns:14rem 1fr}}
.summary-list dt{font-weight:700}.summary-list dd{margin:0}
.pagination{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;margin:1.5rem 0;padding:0;list-style:none}
.chart{display:block;max-width:100%;height:auto}
.chart .bar{fill:#1d70b8}.chart .axis{stroke:#505a5f}.chart text{fill:#0b0c0c;font-size:11px;font-family:inherit}
.profile{display:grid;gap:1.25rem}
@media (min-width:641px){.profile{grid-template-columns:1fr 1fr}}
.profile figure{margin:0;border:1px solid #b1b4b6;padding:.75rem}
.profile figcaption{font-weight:700;margin-bottom:.4rem;overflow-wrap:anywhere}
pre,code{font-family:ui-monospace,"Courier New",monospace;font-size:.95rem}
pre{background:#f3f2f1;border:1px solid #b1b4b6;padding:.75rem;overflow-x:auto;white-space:pre;margin:0 0 .5rem}
.snippet{margin-bottom:1.25rem}
.snippet__head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;min-height:2.75rem}
.snippet__head h3{margin:0}
.snippet__head .button{margin:0}
progress{-webkit-appearance:none;appearance:none;width:100%;max-width:40rem;height:1.5rem;display:block;margin-bottom:.5rem;border:2px solid #0b0c0c;background:#f3f2f1}
progress::-webkit-progress-bar{background:#f3f2f1}
progress::-webkit-progress-value{background:#1d70b8}
progress::-moz-progress-bar{background:#1d70b8}
.status{min-height:1.5em}
.footer{border-top:1px solid #b1b4b6;background:#f3f2f1;padding:1.5rem 0;font-size:1rem}
.footer ul{list-style:none;padding:0;margin:0 0 .75rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
details{margin-bottom:1rem}summary{cursor:pointer;color:#1d70b8;text-decoration:underline}
.inline-form{display:inline}
.word-break{overflow-wrap:anywhere}
@media (max-width:640px){body{font-size:1rem}h1{font-size:1.75rem}h2{font-size:1.35rem}input,select,textarea,.button{font-size:1rem}th,td{padding-right:.6rem}}
`;
