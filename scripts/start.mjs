// `npm start`: sets everything up, then runs the extension in a real VS Code in the browser
// (code-server) on a sample workspace with notes and a .go file. Prints the URL; Ctrl-C stops it.
// PORT=8080 by default; the server listens on 127.0.0.1 only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, makeSampleWorkspace, startCodeServer } from './code-server.mjs';

execFileSync('bash', [path.join(ROOT, 'scripts', 'setup.sh')], { stdio: 'inherit' });

const workspace = path.join(ROOT, '.cache', 'sample-workspace');
if (!fs.existsSync(workspace)) await makeSampleWorkspace(workspace);
const port = Number(process.env.PORT ?? 8080);
const server = await startCodeServer({ workspace, port });
console.log(`\nInterview Prep is running in VS Code (code-server) at:\n\n    ${server.url}\n`);
console.log('Open it in a browser, click the Interview Prep icon in the activity bar. Ctrl-C stops the server.');

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.process.on('exit', (code) => {
  console.error(`code-server exited (${code}); log: ${server.logFile}`);
  process.exit(1);
});
