import { escapeHtml } from './format';

/** Escapes every interpolated value; `raw` marks markup that is already safe. */
export class Raw {
  constructor(readonly value: string) {}
}
export const raw = (value: string) => new Raw(value);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Raw(out);
}

function render(value: unknown): string {
  if (value instanceof Raw) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** JSON that is safe inside a <script type="application/json"> element. */
export function jsonForScript(value: unknown): Raw {
  return raw(JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}

export const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1b1b1b;background:#f6f7f9}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:10}
header{background:#0b3d6b;color:#fff;padding:1rem}
header h1{margin:.25rem 0;font-size:1.5rem}
header .org{margin:0;font-size:.9rem;opacity:.9}
header nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem}
header nav a{color:#fff}
header nav a[aria-current]{font-weight:bold;text-decoration:none;border-bottom:2px solid #fff}
main{max-width:60rem;margin:0 auto;padding:1rem}
section,article{background:#fff;border:1px solid #d0d5dd;border-radius:6px;padding:1rem;margin:0 0 1rem}
h2{font-size:1.25rem;margin-top:0}h3{font-size:1.1rem;margin:0 0 .25rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.meta,.context,.note{color:#475467;font-size:.9rem}
.context{border-left:3px solid #98a2b3;padding-left:.5rem}
fieldset{border:1px solid #d0d5dd;border-radius:4px;margin:.75rem 0;padding:.5rem .75rem}
legend{font-weight:600;padding:0 .25rem}
.choices label{display:block;padding:.2rem 0}
label.block{display:block;font-weight:600;margin-top:.75rem}
textarea,input[type=text],input[type=url],input[type=date]{width:100%;font:inherit;padding:.5rem;border:1px solid #667085;border-radius:4px}
textarea{min-height:6rem}
.evidence-row{display:grid;grid-template-columns:1fr 2fr;gap:.5rem;margin-bottom:.5rem}
@media (max-width:40rem){.evidence-row{grid-template-columns:1fr}dl.facts{grid-template-columns:1fr}}
button,.button{font:inherit;padding:.55rem 1rem;border-radius:4px;border:1px solid #0b3d6b;background:#0b3d6b;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#0b3d6b}
:focus-visible{outline:3px solid #f79009;outline-offset:2px}
.status-line{min-height:1.5rem;font-size:.9rem;color:#344054}
.error{color:#b42318}.ok{color:#067647}
.receipt{background:#ecfdf3;border-color:#abefc6}
.problem{max-width:40rem;margin:3rem auto}
progress{width:12rem;height:1rem;vertical-align:middle}
dialog{max-width:36rem;border-radius:6px;border:1px solid #98a2b3}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
`;
