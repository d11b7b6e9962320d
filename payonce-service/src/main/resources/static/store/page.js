// What every storefront page shares: the header, the language toggle, money and error wording.
import { language, t, toggleLanguage, translatePage } from './i18n.js';

export function startPage() {
  translatePage();
  document.getElementById('language')?.addEventListener('click', toggleLanguage);
}

export function money(minorUnits, currency) {
  const locale = language() === 'zh' ? 'zh-CN' : 'en-US';
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minorUnits / 100);
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString(language() === 'zh' ? 'zh-CN' : 'en-US') : '';
}

/** A refusal in the buyer's words where we have them, else payonce's own detail. */
export function problemText(problem) {
  const known = t('error.' + problem.code);
  return known !== 'error.' + problem.code ? known : t('error.generic', { detail: problem.message });
}

/** An element with attributes and children; strings become text nodes, never HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'onclick') {
      element.addEventListener('click', value);
    } else if (value !== undefined && value !== null && value !== false) {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  element.append(...children.filter(child => child !== null && child !== undefined));
  return element;
}

export function show(container, ...children) {
  container.replaceChildren(...children.filter(child => child !== null && child !== undefined));
}

/** Copies text; falls back to a selection where the Clipboard API is not allowed (plain http on a LAN address). */
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    const area = el('textarea', { readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}
