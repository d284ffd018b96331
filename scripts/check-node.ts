// npm scripts run on the Node binary from the `node` devDependency. Calling a
// tool from ./node_modules/.bin directly, or installing with --ignore-scripts,
// silently falls back to the system Node, where the Studio CLI and jsdom fail
// in confusing ways. Failing here gives a message that says what to do.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Node ${process.versions.node} is too old: this project needs Node >= 22.12.\n` +
      'Run it through npm (npm test, npm run …), which uses the Node 24 from devDependencies,\n' +
      'and install with plain `npm ci` (not --ignore-scripts).',
  )
  process.exit(1)
}
