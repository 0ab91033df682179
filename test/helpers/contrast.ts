/**
 * Evaluated in the preview page: the WCAG 2 contrast ratio of the toolbar's glyphs, the find
 * box, the title, and node labels and captions against what is behind them, as the page
 * computes its colours. Self-contained, so both the headless tests and the real-VS-Code run
 * (through its compiled copy) can hand it to a browser.
 */
export function measureContrast(): { what: string; ratio: number }[] {
  const parse = (color: string): [number, number, number, number] => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(color);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : [0, 0, 0, 0];
  };
  const luminance = ([r, g, b]: number[]) => {
    const channel = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
  };
  /** The first opaque background behind an element. */
  const backgroundOf = (element: Element | null): [number, number, number, number] => {
    for (let at = element; at; at = at.parentElement) {
      const color = parse(getComputedStyle(at).backgroundColor);
      if (color[3] > 0.5) return color;
    }
    return [255, 255, 255, 1];
  };
  const ratio = (a: number[], b: number[]) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1! + 0.05) / (l2! + 0.05);
  };
  const results: { what: string; ratio: number }[] = [];
  for (const button of Array.from(document.querySelectorAll('.toolbar button'))) {
    const glyph = button.querySelector('.glyph')!;
    results.push({ what: `button ${button.getAttribute('data-action')}`, ratio: ratio(parse(getComputedStyle(glyph).color), backgroundOf(button)) });
  }
  const input = document.getElementById('find')!;
  results.push({ what: 'find box', ratio: ratio(parse(getComputedStyle(input).color), backgroundOf(input)) });
  results.push({ what: 'title', ratio: ratio(parse(getComputedStyle(document.getElementById('title')!).color), backgroundOf(document.getElementById('title'))) });
  for (const [selector, what] of [['.node.component .label', 'component label'], ['.node.service .label', 'service label'], ['.node.component .caption', 'component caption'], ['.node.group .caption', 'group caption']] as const) {
    const text = document.querySelector(selector)!;
    const shape = text.parentElement!.querySelector('.shape')!;
    results.push({ what, ratio: ratio(parse(getComputedStyle(text).fill), parse(getComputedStyle(shape).fill)) });
  }
  return results;
}

/** Evaluated in the preview page: the on-screen size, in CSS pixels, of the smallest node label. */
export function measureSmallestLabel(): number {
  const sizes = Array.from(document.querySelectorAll<SVGTextElement>('.ha-graph .node .label')).map((label) => (label.getScreenCTM()?.a ?? 0) * parseFloat(getComputedStyle(label).fontSize));
  return Math.min(...sizes);
}
