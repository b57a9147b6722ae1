import * as assert from 'node:assert/strict';
import { renderTopic } from '../../src/notes/render';
import { md, parse } from './helpers';

function render(body: string, lang: 'en' | 'zh-cn' = 'en', resolveImage?: (src: string) => string | undefined): string {
  const [topic] = parse(`---\nid: t\ntitle: T\ncategory: go\n---\n${body}`).topics;
  return renderTopic(md, topic, { lang, resolveImage });
}

describe('renderTopic', () => {
  it('gives headings anchor ids, unique within the note', () => {
    assert.equal(
      render('# T\n\n## Same\n\nx\n\n## Same\n\ny\n\n### 脑裂（网络分区）\n\nz\n'),
      '<h1 id="t">T</h1>\n<h2 id="same">Same</h2>\n<p>x</p>\n<h2 id="same-1">Same</h2>\n<p>y</p>\n' +
        '<h3 id="脑裂网络分区">脑裂（网络分区）</h3>\n<p>z</p>\n',
    );
  });

  it('renders tables', () => {
    assert.equal(
      render('# T\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n'),
      '<h1 id="t">T</h1>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th style="text-align:right">b</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td>1</td>\n<td style="text-align:right">2</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });

  it('highlights Go, SQL, shell, Dockerfile, TypeScript, JavaScript and redis-cli code', () => {
    const cases: [string, string, string][] = [
      ['go', 'func main() { ch := make(chan int) }', '<span class="hljs-keyword">func</span>'],
      ['sql', 'SELECT * FROM t FOR UPDATE;', '<span class="hljs-keyword">SELECT</span>'],
      ['sh', 'echo "hi" # greet', '<span class="hljs-comment"># greet</span>'],
      ['dockerfile', 'FROM golang:1.22 AS build', '<span class="hljs-keyword">FROM</span>'],
      ['ts', 'const x: number = 1;', '<span class="hljs-keyword">const</span>'],
      ['js', 'stream.pipe(out)', 'class="hljs-title function_">pipe</span>'],
      ['redis', '127.0.0.1:6379> MULTI', '<span class="hljs-meta">127.0.0.1:6379&gt;</span> <span class="hljs-keyword">MULTI</span>'],
    ];
    for (const [lang, code, expected] of cases) {
      const html = render(`# T\n\n\`\`\`${lang}\n${code}\n\`\`\`\n`);
      assert.ok(html.includes(`<pre><code class="language-${lang}">`), `${lang}: ${html}`);
      assert.ok(html.includes(expected), `${lang}: ${html}`);
    }
  });

  it('escapes code in languages it does not know', () => {
    assert.ok(render('# T\n\n```cobol\n<b>&\n```\n').includes('<pre><code class="language-cobol">&lt;b&gt;&amp;\n</code></pre>'));
  });

  it('shows raw HTML as text and never as markup', () => {
    const html = render('# T\n\n<script>alert(1)</script>\n\nhi <img src=x onerror="alert(1)"> there\n');
    assert.ok(!/<script|<img/i.test(html), html);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'));
  });

  it('turns refused links into inert text with the reason, and marks the allowed ones', () => {
    const html = render(
      '# T\n\n[js](javascript:alert(1)) [data](data:text/html,x) [file](file:///etc/passwd) [vs](vscode:extension/x) ' +
        '[quit](command:workbench.action.quit) [ours](command:interviewPrep.searchNotes) [web](https://raft.github.io/raft.pdf) ' +
        '[other](redis-sharding.md#hash-slots) [here](#t) <javascript:alert(2)>\n',
    );
    const refused = (text: string, reason: string) => `<span class="link-refused" title="Link removed: ${reason}">${text}</span>`;
    assert.equal(
      html,
      '<h1 id="t">T</h1>\n<p>' +
        [
          refused('js', 'links with scheme &quot;javascript:&quot; are not allowed'),
          refused('data', 'links with scheme &quot;data:&quot; are not allowed'),
          refused('file', 'links with scheme &quot;file:&quot; are not allowed'),
          refused('vs', 'links with scheme &quot;vscode:&quot; are not allowed'),
          refused('quit', 'command &quot;workbench.action.quit&quot; is not one of Interview Prep\'s'),
          '<a href="command:interviewPrep.searchNotes" data-link="command">ours</a>',
          '<a href="https://raft.github.io/raft.pdf" data-link="external" title="https://raft.github.io/raft.pdf">web</a>',
          '<a href="redis-sharding.md#hash-slots" data-link="note">other</a>',
          '<a href="#t" data-link="anchor">here</a>',
          refused('javascript:alert(2)', 'links with scheme &quot;javascript:&quot; are not allowed'),
        ].join(' ') +
        '</p>\n',
    );
  });

  it('keeps the text inside a refused link, including nested markup', () => {
    assert.equal(
      render('# T\n\n[**bold** `code`](javascript:x)\n'),
      '<h1 id="t">T</h1>\n<p><span class="link-refused" title="Link removed: links with scheme &quot;javascript:&quot; are not allowed"><strong>bold</strong> <code>code</code></span></p>\n',
    );
  });

  it('loads relative images through the host and drops images it cannot resolve', () => {
    assert.ok(render('# T\n\n![d](img/raft.svg)\n', 'en', (src) => `https://file+.vscode-resource/notes/${src}`).includes('<img src="https://file+.vscode-resource/notes/img/raft.svg" alt="d">'));
    assert.ok(render('# T\n\n![d](img/raft.svg)\n').includes('<img src="" alt="d" data-blocked-src="img/raft.svg">'));
    assert.ok(render('# T\n\n![d](javascript:alert(1))\n').includes('<img src="" alt="d" data-blocked-src="javascript:alert(1)">'));
    assert.ok(render('# T\n\n![d](/etc/passwd.png)\n', 'en', (src) => `https://x/${src}`).includes('<img src="" alt="d" data-blocked-src="/etc/passwd.png">'));
  });

  it('says plainly when a section or a topic is being written, in the note language', () => {
    assert.equal(
      render('# T\n\n## Done\n\ntext\n\n## Todo\n\n## Parent\n\n### Child\n\ntext\n'),
      '<h1 id="t">T</h1>\n<h2 id="done">Done</h2>\n<p>text</p>\n<h2 id="todo">Todo</h2>\n' +
        '<p class="notice being-written">This section is being written.</p>\n' +
        '<h2 id="parent">Parent</h2>\n<h3 id="child">Child</h3>\n<p>text</p>\n',
    );
    assert.equal(render('# T\n', 'zh-cn'), '<h1 id="t">T</h1>\n<p class="notice being-written">本主题正在编写中。</p>\n');
    assert.equal(render('# T\n\n## A\n', 'zh-cn'), '<h1 id="t">T</h1>\n<p class="notice being-written">本主题正在编写中。</p>\n<h2 id="a">A</h2>\n');
  });

  it('escapes the notice text like any other text', () => {
    assert.ok(render('# <T>\n').startsWith('<h1 id="t">&lt;T&gt;</h1>'));
  });
});

describe('renderTopic: explicit ids and callouts', () => {
  it('uses {#id} as the anchor and removes the marker from the heading', () => {
    assert.equal(
      render('# T\n\n## 领导者选举 {#leader-election}\n\nx\n\n## leader-election\n\ny\n'),
      '<h1 id="t">T</h1>\n<h2 id="leader-election">领导者选举</h2>\n<p>x</p>\n<h2 id="leader-election-1">leader-election</h2>\n<p>y</p>\n',
    );
    const [topic] = parse('---\ntitle: T\n---\n# T\n\n## 选举 {#election}\n\nx\n').topics;
    assert.deepEqual(topic.sections.map((s) => [s.title, s.slug]), [['选举', 'election']]);
  });

  it('turns > [!CORRECTION] into a callout with a localised title', () => {
    assert.equal(
      render('# T\n\n> [!CORRECTION]\n> The memo says **X**.\n> It is Y.\n', 'zh-cn'),
      '<h1 id="t">T</h1>\n<blockquote class="callout callout-correction">\n<p class="callout-title">勘误</p>\n' +
        '<p>The memo says <strong>X</strong>.\nIt is Y.</p>\n</blockquote>\n',
    );
    assert.equal(
      render('# T\n\n> [!NOTE]\n\n> plain quote\n'),
      '<h1 id="t">T</h1>\n<blockquote class="callout callout-note">\n<p class="callout-title">Note</p>\n</blockquote>\n' +
        '<blockquote>\n<p>plain quote</p>\n</blockquote>\n',
    );
    assert.ok(render('# T\n\n> [!UNKNOWN] text\n').includes('<blockquote>\n<p>[!UNKNOWN] text</p>'));
  });
});
