/**
 * A generated CRM contact list of about `megabytes` MB with about 3,000 phone numbers per MB, among the usual
 * traps (company IDs, dates, amounts, order numbers), seeded so every run measures the same page.
 */
export function crmPage(megabytes: number): string {
  let seed = 42;
  const random = (max: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % max;
  };
  const digits = (count: number) => Array.from({ length: count }, () => String(random(10))).join('');
  const pair = () => digits(2);
  const phone = () => {
    switch (random(5)) {
      case 0:
        return `0${1 + random(5)} ${pair()} ${pair()} ${pair()} ${pair()}`;
      case 1:
        return `06.${pair()}.${pair()}.${pair()}.${pair()}`;
      case 2:
        return `+33 (0)${1 + random(5)} ${pair()} ${pair()} ${pair()} ${pair()}`;
      case 3:
        return `+44 20 7946 ${digits(4)}`;
      default:
        return `+1 (415) 555-${digits(4)}`;
    }
  };
  const rows: string[] = [];
  let size = 0;
  const target = megabytes * 1_000_000;
  for (let index = 0; size < target; index++) {
    const row =
      `<tr><td>Contact ${index}</td><td>${phone()}</td><td>${digits(3)} ${digits(3)} ${digits(3)}</td>` +
      `<td>${1 + random(28)}/${1 + random(12)}/2026</td><td>${random(90_000)},${pair()} €</td><td>Commande n° ${digits(10)}</td><td>contact${index}@client-${random(500)}.example.fr</td><td>Relancer avant la fin du mois</td></tr>\n`;
    rows.push(row);
    size += row.length;
  }
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>CRM</title></head><body><table><tbody>\n${rows.join('')}</tbody></table></body></html>`;
}

/** A page that appends and removes 10,000 contact rows, timed in the page: the DOM benchmark. */
export const DOM_BENCH_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>DOM benchmark</title></head><body>
<table><tbody id="rows"></tbody></table>
<script>
  // The page's own work, task after task, as a user of the page waits for it: the extension's observer runs inside
  // these tasks; its linking runs in idle time between them.
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  window.runDomBench = async (rounds) => {
    const tbody = document.getElementById('rows');
    await nextTask();
    const start = performance.now();
    for (let round = 0; round < rounds; round++) {
      const fragment = document.createDocumentFragment();
      for (let index = 0; index < 10000; index++) {
        const row = document.createElement('tr');
        row.innerHTML = '<td>Contact ' + index + '</td><td>01 ' + String(10000000 + index).slice(-8).replace(/(\\d\\d)(?=\\d)/g, '$1 ') + '</td><td>24/11/2026</td>';
        fragment.append(row);
      }
      tbody.append(fragment);
      await nextTask();
      tbody.replaceChildren();
      await nextTask();
    }
    return performance.now() - start;
  };
</script></body></html>`;
