import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import plaintext from 'highlight.js/lib/languages/plaintext';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import type { HLJSApi, Language } from 'highlight.js';

/** redis-cli sessions: commands, keys, numbers, strings, and `127.0.0.1:6379>` prompts. */
function redis(): Language {
  return {
    name: 'Redis',
    aliases: ['redis-cli'],
    case_insensitive: true,
    keywords: {
      keyword:
        'multi exec discard watch unwatch get set setnx setex getset mget mset del exists expire pexpire ttl pttl persist ' +
        'incr incrby decr decrby append strlen hget hset hdel hgetall hmget hmset hincrby lpush rpush lpop rpop lrange llen ' +
        'sadd srem smembers sismember scard zadd zrem zrange zrangebyscore zscore zincrby publish subscribe psubscribe ' +
        'eval evalsha script keys scan type rename bgsave save bgrewriteaof lastsave config info cluster readonly ' +
        'asking migrate select flushdb flushall ping echo client debug object dump restore xadd xread xgroup xack',
      literal: 'ok nil queued',
    },
    contains: [
      { scope: 'meta', begin: /^[\w.:-]*(?:\d+\.){3}\d+:\d+(?:\[\d+\])?>/m },
      { scope: 'meta', begin: /^redis>/m },
      { scope: 'comment', begin: /#/, end: /$/ },
      hljsStringModes(),
      { scope: 'number', begin: /\b\d+(?:\.\d+)?\b/ },
    ],
  };
}

function hljsStringModes(): Language['contains'][number] {
  return { scope: 'string', variants: [{ begin: /"/, end: /"/, contains: [{ begin: /\\./ }] }, { begin: /'/, end: /'/ }] };
}

let instance: HLJSApi | undefined;

function highlighter(): HLJSApi {
  if (!instance) {
    hljs.registerLanguage('bash', bash);
    hljs.registerLanguage('dockerfile', dockerfile);
    hljs.registerLanguage('go', go);
    hljs.registerLanguage('javascript', javascript);
    hljs.registerLanguage('json', json);
    hljs.registerLanguage('plaintext', plaintext);
    hljs.registerLanguage('sql', sql);
    hljs.registerLanguage('typescript', typescript);
    hljs.registerLanguage('yaml', yaml);
    hljs.registerLanguage('redis', redis);
    hljs.registerAliases(['shell', 'console', 'zsh'], { languageName: 'bash' });
    hljs.registerAliases(['mysql', 'mariadb'], { languageName: 'sql' });
    instance = hljs;
  }
  return instance;
}

/** Highlighted, HTML-escaped code, or undefined when the language is not one we ship. */
export function highlightCode(code: string, language: string): string | undefined {
  const hl = highlighter();
  const lang = language.trim().toLowerCase();
  if (!lang || !hl.getLanguage(lang)) return undefined;
  return hl.highlight(code, { language: lang, ignoreIllegals: true }).value;
}

export function supportedLanguages(): string[] {
  return highlighter().listLanguages();
}
