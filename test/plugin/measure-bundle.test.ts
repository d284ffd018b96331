import {describe, expect, it} from 'vitest'
import {htmlAssets, staticImports} from '../../scripts/measure-bundle/eager.ts'

describe('the first-load measurement', () => {
  it('follows static imports and re-exports but not dynamic imports', () => {
    const chunk = [
      'import{a as b,c}from"./lib-A1.js";import"./side-B2.js";import*as ns from"./ns-C3.js";',
      'export{x}from"./re-D4.js";export*from"../up-E5.js";',
      'const lazy=()=>import("./lazy-F6.js");const s=`from"./not-a-chunk.js"`;',
      'import X from "./default-G7.js"',
    ].join('\n')
    expect(staticImports(chunk)).toEqual([
      './lib-A1.js',
      './side-B2.js',
      './ns-C3.js',
      './re-D4.js',
      '../up-E5.js',
      './default-G7.js',
    ])
  })

  it("reads index.html's own scripts, preloads and stylesheets, not third-party ones", () => {
    const html = [
      '<link href="/static/favicon.ico" rel="icon" sizes="any"/>',
      '<link href="/static/sanity-1.css" rel="stylesheet"/>',
      '<link rel="modulepreload" href="/static/vendor-2.js">',
      '<script src="https://core.example.com/bridge.js" async type="module"></script>',
      '<script src="/static/sanity-3.js" type="module"></script>',
      '<script>inline()</script>',
    ].join('')
    expect(htmlAssets(html)).toEqual({
      scripts: ['/static/vendor-2.js', '/static/sanity-3.js'],
      styles: ['/static/sanity-1.css'],
    })
  })
})
