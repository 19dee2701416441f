import { initialAssets } from './frontend-build';

describe('initialAssets', () => {
  it('finds the module script, preloads and stylesheets that index.html loads itself', () => {
    const html = `<!doctype html><html><head>
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <script type="module" crossorigin src="/assets/index-DaJa5p3v.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-AB12.js">
      <link rel="stylesheet" crossorigin href="./assets/index-CHmEOiyg.css">
      <link rel="preconnect" href="https://example.com">
      <script src="https://cdn.example.com/x.js"></script>
    </head><body><div id="root"></div></body></html>`;
    expect(initialAssets(html)).toEqual(['assets/index-DaJa5p3v.js', 'assets/vendor-AB12.js', 'assets/index-CHmEOiyg.css']);
  });

  it('finds nothing in a page without assets', () => {
    expect(initialAssets('<html><body>hi</body></html>')).toEqual([]);
  });
});
