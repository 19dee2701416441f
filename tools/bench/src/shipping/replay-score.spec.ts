import { markdownTable } from '../results';
import { scoreReplay, shippingSection, type Decision } from './replay-score';

const decision = (service: string, imageChanged: string[], shipped: boolean): Decision => ({
  commit: 'c'.repeat(40),
  subject: 'a change',
  service,
  imageChanged,
  shipped,
  reasons: shipped ? ['apps/x/src/a.ts (production file)'] : [],
});

describe('scoreReplay', () => {
  it('counts caught, missed and needless ships into recall and precision', () => {
    const result = scoreReplay(5, [
      decision('backend', ['apps/backend/dist/main.js'], true),
      decision('backend', ['apps/backend/dist/main.js'], true),
      decision('backend', ['apps/backend/dist/main.js'], true),
      decision('frontend', ['apps/frontend/dist/index.html'], false),
      decision('frontend', [], true),
      decision('frontend', [], false),
    ]);
    expect(result).toMatchObject({ commits: 5, decisions: 6, caught: 3, missed: 1, needless: 1, recall: 0.75, precision: 0.75 });
    expect(result.disagreements.map(({ service, kind }) => ({ service, kind }))).toEqual([
      { service: 'frontend', kind: 'missed' },
      { service: 'frontend', kind: 'needless' },
    ]);
  });

  it('scores a history where nothing needed shipping and nothing shipped as perfect', () => {
    expect(scoreReplay(2, [decision('backend', [], false)])).toMatchObject({ recall: 1, precision: 1, disagreements: [] });
  });

  it('reports each disagreement with the changed image files or the planner reasons', () => {
    const section = shippingSection(scoreReplay(3, [decision('frontend', ['apps/frontend/dist/index.html'], false), decision('backend', [], true)]));
    const table = markdownTable(section.tables[0]!);
    expect(table).toContain('| frontend | missed | apps/frontend/dist/index.html |');
    expect(table).toContain('| backend | needless | apps/x/src/a.ts (production file) |');
    expect(section.figures).toMatchObject({ 'recall-percent': 0, 'precision-percent': 0, missed: 1, needless: 1 });
  });
});
