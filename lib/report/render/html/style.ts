/**
 * The HTML report's stylesheet. Nothing breaks inside a word: badges, headers and ids never wrap, prose wraps
 * between words; on a narrow screen (a phone, 420 px) the findings table becomes one card per finding and
 * every other table scrolls sideways instead of squeezing its cells.
 */
export const STYLE = `
:root{color-scheme:light;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;
--critical:#8b0000;--high:#cf222e;--medium:#bc4c00;--low:#9a6700;--info:#0969da;--ok:#1a7f37;--unknown:#6e40c9}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0 auto;max-width:1200px;padding:24px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:normal;word-break:normal}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:24px 0 8px}details.section>summary h2{display:inline;margin:0}
h3{font-size:16px;margin:20px 0 6px}h4{font-size:14px;margin:14px 0 4px}
a{color:var(--info)}
.meta{color:var(--muted);margin:0 0 12px}
.banner{border:1px solid var(--high);background:#fff0f0;padding:10px 14px;border-radius:6px;margin:12px 0}
.note{border:1px solid var(--line);background:var(--soft);padding:10px 14px;border-radius:6px;margin:12px 0}
.verdict{font-size:17px;font-weight:600;padding:12px 16px;border-radius:6px;margin:12px 0;border-left:6px solid}
.verdict.fail{background:#fff0f0;color:var(--high)}.verdict.unknown{background:#f5f0ff;color:var(--unknown)}.verdict.pass{background:#effff4;color:var(--ok)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(92px,1fr));gap:8px;margin:8px 0 16px}
.card{border:1px solid var(--line);border-top:4px solid var(--line);border-radius:6px;padding:8px 12px;background:var(--soft)}
.card b{display:block;font-size:22px;line-height:1.2}@media (max-width:700px){.card{padding:6px 8px}.card b{font-size:18px}}.card span{color:var(--muted);font-size:12px}
.card.critical{border-top-color:var(--critical)}.card.high{border-top-color:var(--high)}.card.medium{border-top-color:var(--medium)}
.card.low{border-top-color:var(--low)}.card.info{border-top-color:var(--info)}.card.unknown{border-top-color:var(--unknown)}
.card.zero b{color:var(--muted)}.card.critical:not(.zero) b{color:var(--critical)}.card.high:not(.zero) b{color:var(--high)}
.card.medium:not(.zero) b{color:var(--medium)}.card.low:not(.zero) b{color:var(--low)}.card.unknown:not(.zero) b{color:var(--unknown)}
nav.toc{border:1px solid var(--line);border-radius:6px;padding:8px 14px;margin:12px 0;background:var(--soft)}
nav.toc ol{margin:4px 0;padding-left:20px;columns:2 220px}nav.toc li{white-space:nowrap}
details.section{border-top:1px solid var(--line);margin:20px 0 0;padding-top:8px}
details.section>summary{cursor:pointer;list-style-position:inside;padding:4px 0}
details.section>summary+h2{display:none}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,440px),1fr));gap:16px;margin:8px 0}
.charts figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:10px;background:var(--bg)}
.charts figcaption{font-weight:600;margin-bottom:6px}
svg.chart{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:normal}
th{background:var(--soft);white-space:nowrap}td.num,th.num{text-align:right;white-space:nowrap}
th.sortable{cursor:pointer}th.sortable::after{content:" \\2195";color:var(--muted)}
th[aria-sort=ascending]::after{content:" \\2191"}th[aria-sort=descending]::after{content:" \\2193"}
code,.id{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;white-space:nowrap}
td code{white-space:nowrap}
.sev{display:inline-block;padding:0 7px;border-radius:10px;color:#fff;font-size:12px;font-weight:600;white-space:nowrap}
.sev.critical{background:var(--critical)}.sev.high{background:var(--high)}.sev.medium{background:var(--medium)}
.sev.low{background:var(--low)}.sev.info{background:var(--info)}
.tag{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;border:1px solid var(--line);white-space:nowrap}
.tag.new{border-color:var(--high);color:var(--high)}.tag.unknown{border-color:var(--unknown);color:var(--unknown)}
.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:8px 0}
.filters select,.filters input{font:inherit;padding:2px 4px;max-width:100%}
details.more{margin-top:4px}details.more summary{cursor:pointer;color:var(--info);font-size:12px}
details.more pre{background:var(--soft);padding:8px;overflow-x:auto;font-size:12px;max-height:320px}
ul.fixes{list-style:none;padding:0}ul.fixes li{margin:10px 0}
.fix{background:var(--soft);border-left:3px solid var(--info);padding:6px 10px;margin:4px 0 8px}
footer{margin-top:32px;color:var(--muted);font-size:12px}
@media (max-width:700px){
body{padding:12px}
table{display:block;overflow-x:auto}
table.findings{display:table;overflow-x:visible}
table.findings thead{display:none}
table.findings tr{display:block;border:1px solid var(--line);border-radius:6px;margin:0 0 10px;padding:6px 8px}
table.findings td{display:block;border:0;padding:2px 0}
table.findings td::before{content:attr(data-label) ": ";color:var(--muted);font-size:12px}
table.findings td code{white-space:normal;overflow-wrap:anywhere}
nav.toc ol{columns:1}
}
`;
