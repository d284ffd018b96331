import type {LiteElement} from 'mathjax-full/js/adaptors/lite/Element.js'
import {liteAdaptor} from 'mathjax-full/js/adaptors/liteAdaptor.js'
import {RegisterHTMLHandler} from 'mathjax-full/js/handlers/html.js'
import {AllPackages} from 'mathjax-full/js/input/tex/AllPackages.js'
import {TeX} from 'mathjax-full/js/input/tex.js'
import {mathjax} from 'mathjax-full/js/mathjax.js'
import {SVG} from 'mathjax-full/js/output/svg.js'

/**
 * MathJax 3, as the blog loads it (layouts/partials/extend_head.html), run
 * here rather than in the page: the preview frame runs no scripts. It finds
 * formulas in the HTML with the blog's delimiters and settings and writes
 * them as SVG, which needs no fonts inside the frame.
 */

const adaptor = liteAdaptor()
RegisterHTMLHandler(adaptor)

const BLOG_TEX = {
  inlineMath: [
    ['$', '$'],
    ['\\(', '\\)'],
  ],
  displayMath: [
    ['$$', '$$'],
    ['\\[', '\\]'],
  ],
  processEscapes: true,
  processEnvironments: true,
}

const SKIP_HTML_TAGS = ['script', 'noscript', 'style', 'textarea', 'pre']

/**
 * The HTML with every formula the blog's MathJax would find typeset as SVG,
 * and the stylesheet that lays the formulas out (display math centred).
 */
export function typesetMath(html: string): {html: string; css: string} {
  const svg = new SVG({fontCache: 'local'})
  const document = mathjax.document(html, {
    InputJax: new TeX({packages: AllPackages, ...BLOG_TEX}),
    OutputJax: svg,
    skipHtmlTags: SKIP_HTML_TAGS,
  })
  document.render()
  return {
    html: adaptor.innerHTML(adaptor.body(document.document)),
    // The output jax is typed for any DOM; under the lite adaptor its nodes are LiteElements.
    css: adaptor.textContent(svg.styleSheet(document) as LiteElement),
  }
}
