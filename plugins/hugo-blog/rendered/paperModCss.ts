/**
 * PaperMod's stylesheets, as the blog ships them (theme 87df659), for the
 * Rendered tab: core/license.css, core/theme-vars.css, core/reset.css,
 * common/main.css, common/post-single.css and core/zmedia.css, in that order,
 * not edited. (MIT License, Copyright (c) 2020 nanxiaobei and adityatelange,
 * Copyright (c) 2021-2023 adityatelange.)
 */
export const PAPERMOD_CSS = `
/* core/license.css */
/*
  PaperMod v7
  License: MIT https://github.com/adityatelange/hugo-PaperMod/blob/master/LICENSE
  Copyright (c) 2020 nanxiaobei and adityatelange
  Copyright (c) 2021-2023 adityatelange
*/

/* core/theme-vars.css */
:root {
  --gap: 24px;
  --content-gap: 20px;
  --nav-width: 1024px;
  --main-width: 720px;
  --header-height: 60px;
  --footer-height: 60px;
  --radius: 8px;
  --theme: rgb(255, 255, 255);
  --entry: rgb(255, 255, 255);
  --primary: rgb(30, 30, 30);
  --secondary: rgb(108, 108, 108);
  --tertiary: rgb(214, 214, 214);
  --content: rgb(31, 31, 31);
  --hljs-bg: rgb(28, 29, 33);
  --code-bg: rgb(245, 245, 245);
  --border: rgb(238, 238, 238);
}

.dark {
  --theme: rgb(29, 30, 32);
  --entry: rgb(46, 46, 51);
  --primary: rgb(218, 218, 219);
  --secondary: rgb(155, 156, 157);
  --tertiary: rgb(65, 66, 68);
  --content: rgb(196, 196, 197);
  --hljs-bg: rgb(46, 46, 51);
  --code-bg: rgb(55, 56, 62);
  --border: rgb(51, 51, 51);
}

.list {
  background: var(--code-bg);
}

.dark.list {
  background: var(--theme);
}

/* core/reset.css */
*,
::after,
::before {
  box-sizing: border-box;
}

html {
  -webkit-tap-highlight-color: transparent;
  overflow-y: scroll;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}

a,
button,
body,
h1,
h2,
h3,
h4,
h5,
h6 {
  color: var(--primary);
}

body {
  font-family:
    -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Oxygen, Ubuntu, Cantarell, "Open Sans",
    "Helvetica Neue", sans-serif;
  font-size: 18px;
  line-height: 1.6;
  word-break: break-word;
  background: var(--theme);
}

article,
aside,
figcaption,
figure,
footer,
header,
hgroup,
main,
nav,
section,
table {
  display: block;
}

h1,
h2,
h3,
h4,
h5,
h6 {
  line-height: 1.2;
}

h1,
h2,
h3,
h4,
h5,
h6,
p {
  margin-top: 0;
  margin-bottom: 0;
}

ul {
  padding: 0;
}

a {
  text-decoration: none;
}

body,
figure,
ul {
  margin: 0;
}

table {
  width: 100%;
  border-collapse: collapse;
  border-spacing: 0;
  overflow-x: auto;
  word-break: keep-all;
}

button,
input,
textarea {
  padding: 0;
  font: inherit;
  background: 0 0;
  border: 0;
}

input,
textarea {
  outline: 0;
}

button,
input[type="button"],
input[type="submit"] {
  cursor: pointer;
}

input:-webkit-autofill,
textarea:-webkit-autofill {
  box-shadow: 0 0 0 50px var(--theme) inset;
}

img {
  display: block;
  max-width: 100%;
}

/* common/main.css */
.main {
  position: relative;
  min-height: calc(100vh - var(--header-height) - var(--footer-height));
  max-width: calc(var(--main-width) + var(--gap) * 2);
  margin: auto;
  padding: var(--gap);
}

.page-header h1 {
  font-size: 40px;
}

.pagination {
  display: flex;
}

.pagination a {
  color: var(--theme);
  font-size: 13px;
  line-height: 36px;
  background: var(--primary);
  border-radius: calc(36px / 2);
  padding: 0 16px;
}

.pagination .next {
  margin-inline-start: auto;
}

.social-icons {
  padding: 12px 0;
}

.social-icons a:not(:last-of-type) {
  margin-inline-end: 12px;
}

.social-icons a svg {
  height: 26px;
  width: 26px;
}

code {
  direction: ltr;
}

div.highlight,
pre {
  position: relative;
}

.copy-code {
  display: none;
  position: absolute;
  top: 4px;
  right: 4px;
  color: rgba(255, 255, 255, 0.8);
  background: rgba(78, 78, 78, 0.8);
  border-radius: var(--radius);
  padding: 0 5px;
  font-size: 14px;
  user-select: none;
}

div.highlight:hover .copy-code,
pre:hover .copy-code {
  display: block;
}

/* common/post-single.css */
.page-header,
.post-header {
  margin: 24px auto var(--content-gap) auto;
}

.post-title {
  margin-bottom: 2px;
  font-size: 40px;
}

.post-description {
  margin-top: 10px;
  margin-bottom: 5px;
}

.post-meta,
.breadcrumbs {
  color: var(--secondary);
  font-size: 14px;
  display: flex;
  flex-wrap: wrap;
}

.post-meta .i18n_list li {
  display: inline-flex;
  list-style: none;
  margin: auto 3px;
  box-shadow: 0 1px 0 var(--secondary);
}

.breadcrumbs a {
  font-size: 16px;
}

.post-content {
  color: var(--content);
}

.post-content h3,
.post-content h4,
.post-content h5,
.post-content h6 {
  margin: 24px 0 16px;
}

.post-content h1 {
  margin: 40px auto 32px;
  font-size: 40px;
}

.post-content h2 {
  margin: 32px auto 24px;
  font-size: 32px;
}

.post-content h3 {
  font-size: 24px;
}

.post-content h4 {
  font-size: 16px;
}

.post-content h5 {
  font-size: 14px;
}

.post-content h6 {
  font-size: 12px;
}

.post-content a,
.toc a:hover {
  box-shadow: 0 1px 0;
  box-decoration-break: clone;
  -webkit-box-decoration-break: clone;
}

.post-content a code {
  margin: auto 0;
  border-radius: 0;
  box-shadow: 0 -1px 0 var(--primary) inset;
}

.post-content del {
  text-decoration: line-through;
}

.post-content dl,
.post-content ol,
.post-content p,
.post-content figure,
.post-content ul {
  margin-bottom: var(--content-gap);
}

.post-content ol,
.post-content ul {
  padding-inline-start: 20px;
}

.post-content li {
  margin-top: 5px;
}

.post-content li p {
  margin-bottom: 0;
}

.post-content dl {
  display: flex;
  flex-wrap: wrap;
  margin: 0;
}

.post-content dt {
  width: 25%;
  font-weight: 700;
}

.post-content dd {
  width: 75%;
  margin-inline-start: 0;
  padding-inline-start: 10px;
}

.post-content dd ~ dd,
.post-content dt ~ dt {
  margin-top: 10px;
}

.post-content table {
  margin-bottom: var(--content-gap);
}

.post-content table th,
.post-content table:not(.highlighttable, .highlight table, .gist .highlight) td {
  min-width: 80px;
  padding: 8px 5px;
  line-height: 1.5;
  border-bottom: 1px solid var(--border);
}

.post-content table th {
  text-align: start;
}

.post-content table:not(.highlighttable) td code:only-child {
  margin: auto 0;
}

.post-content .highlight table {
  border-radius: var(--radius);
}

.post-content .highlight:not(table) {
  margin: 10px auto;
  background: var(--hljs-bg) !important;
  border-radius: var(--radius);
  direction: ltr;
}

.post-content li > .highlight {
  margin-inline-end: 0;
}

.post-content ul pre {
  margin-inline-start: calc(var(--gap) * -2);
}

.post-content .highlight pre {
  margin: 0;
}

.post-content .highlighttable {
  table-layout: fixed;
}

.post-content .highlighttable td:first-child {
  width: 40px;
}

.post-content .highlighttable td .linenodiv {
  padding-inline-end: 0 !important;
}

.post-content .highlighttable td .highlight,
.post-content .highlighttable td .linenodiv pre {
  margin-bottom: 0;
}

.post-content code {
  margin: auto 4px;
  padding: 4px 6px;
  font-size: 0.78em;
  line-height: 1.5;
  background: var(--code-bg);
  border-radius: 2px;
}

.post-content pre code {
  display: block;
  margin: auto 0;
  padding: 10px;
  color: rgb(213, 213, 214);
  background: var(--hljs-bg) !important;
  border-radius: var(--radius);
  overflow-x: auto;
  word-break: break-all;
}

.post-content blockquote {
  margin: 20px 0;
  padding: 0 14px;
  border-inline-start: 3px solid var(--primary);
}

.post-content hr {
  margin: 30px 0;
  height: 2px;
  background: var(--tertiary);
  border: 0;
}

.post-content iframe {
  max-width: 100%;
}

.post-content img {
  border-radius: 4px;
  margin: 1rem 0;
}

.post-content img[src*="#center"] {
  margin: 1rem auto;
}

.post-content figure.align-center {
  text-align: center;
}

.post-content figure > figcaption {
  color: var(--primary);
  font-size: 16px;
  font-weight: bold;
  margin: 8px 0 16px;
}

.post-content figure > figcaption > p {
  color: var(--secondary);
  font-size: 14px;
  font-weight: normal;
}

.toc {
  margin: 0 2px 40px 2px;
  border: 1px solid var(--border);
  background: var(--code-bg);
  border-radius: var(--radius);
  padding: 0.4em;
}

.dark .toc {
  background: var(--entry);
}

.toc details summary {
  cursor: zoom-in;
  margin-inline-start: 20px;
}

.toc details[open] summary {
  cursor: zoom-out;
}

.toc .details {
  display: inline;
  font-weight: 500;
}

.toc .inner {
  margin: 0 20px;
  padding: 10px 20px;
}

.toc li ul {
  margin-inline-start: var(--gap);
}

.toc summary:focus {
  outline: 0;
}

.post-footer {
  margin-top: 56px;
}

.post-footer > * {
  margin-bottom: 10px;
}

.post-tags {
  display: flex;
  flex-wrap: wrap;
  gap: 10px;
}

.post-tags li {
  display: inline-block;
}

.post-tags a,
.share-buttons,
.paginav {
  border-radius: var(--radius);
  background: var(--code-bg);
  border: 1px solid var(--border);
}

.post-tags a {
  display: block;
  padding: 0 14px;
  color: var(--secondary);
  font-size: 14px;
  line-height: 34px;
  background: var(--code-bg);
}

.post-tags a:hover,
.paginav a:hover {
  background: var(--border);
}

.share-buttons {
  padding: 10px;
  display: flex;
  justify-content: center;
  overflow-x: auto;
  gap: 10px;
}

.share-buttons li,
.share-buttons a {
  display: inline-flex;
}

.share-buttons a:not(:last-of-type) {
  margin-inline-end: 12px;
}

h1:hover .anchor,
h2:hover .anchor,
h3:hover .anchor,
h4:hover .anchor,
h5:hover .anchor,
h6:hover .anchor {
  display: inline-flex;
  color: var(--secondary);
  margin-inline-start: 8px;
  font-weight: 500;
  user-select: none;
}

.paginav {
  display: flex;
  line-height: 30px;
}

.paginav a {
  padding-inline-start: 14px;
  padding-inline-end: 14px;
  border-radius: var(--radius);
}

.paginav .title {
  letter-spacing: 1px;
  text-transform: uppercase;
  font-size: small;
  color: var(--secondary);
}

.paginav .prev,
.paginav .next {
  width: 50%;
}

.paginav span:hover:not(.title) {
  box-shadow: 0 1px 0;
}

.paginav .next {
  margin-inline-start: auto;
  text-align: right;
}

[dir="rtl"] .paginav .next {
  text-align: left;
}

h1 > a > svg {
  display: inline;
}

img.in-text {
  display: inline;
  margin: auto;
}

/* core/zmedia.css */
@media screen and (max-width: 768px) {
  /* theme-vars */
  :root {
    --gap: 14px;
  }

  /* profile-mode */
  .profile img {
    transform: scale(0.85);
  }

  /* post-entry */
  .first-entry {
    min-height: 260px;
  }

  /* archive */
  .archive-month {
    flex-direction: column;
  }

  .archive-year {
    margin-top: 20px;
  }

  /* footer */
  .footer {
    padding: calc((var(--footer-height) - var(--gap) - 10px) / 2) var(--gap);
  }
}

/* footer */
@media screen and (max-width: 900px) {
  .list .top-link {
    transform: translateY(-5rem);
  }
}

@media screen and (max-width: 340px) {
  .share-buttons {
    justify-content: unset;
  }
}

@media (prefers-reduced-motion) {
  /* terms; profile-mode; post-single; post-entry; post-entry; search; search */
  .terms-tags a:active,
  .button:active,
  .post-entry:active,
  .top-link,
  #searchResults .focus,
  #searchResults li:active {
    transform: none;
  }
}
`
