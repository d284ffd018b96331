import {describe, expect, it} from 'vitest'
import {ConfigError, defineConfig} from '../../converter/config.ts'
import {
  type CoverChoice,
  type CoverKeys,
  coverKeys,
  paperModHides,
  siteCoverChoice,
} from '../../converter/cover.ts'

/**
 * The cover keys against PaperMod's two rules, for every site params a blog
 * can set and every choice a writer can make.
 */

const VALUES = [undefined, true, false] as const
const SITES: CoverKeys[] = VALUES.flatMap((hidden) =>
  VALUES.flatMap((hiddenInList) =>
    VALUES.map((hiddenInSingle) => {
      const site: CoverKeys = {}
      if (hidden !== undefined) site.hidden = hidden
      if (hiddenInList !== undefined) site.hiddenInList = hiddenInList
      if (hiddenInSingle !== undefined) site.hiddenInSingle = hiddenInSingle
      return site
    }),
  ),
)
const CHOICES: CoverChoice[] = [true, false].flatMap((showOnPostPage) =>
  [true, false].map((showInLists) => ({showOnPostPage, showInLists})),
)

/** PaperMod before b288ede on the post page: `.Params.cover.hidden | default site.hiddenInSingle | default site.hidden`. */
const oldPaperModHidesOnPage = (post: CoverKeys, site: CoverKeys) =>
  post.hidden ?? site.hiddenInSingle ?? site.hidden ?? false

describe('cover keys', () => {
  it('show the cover where the writer chose, under current PaperMod, and on the post page under older PaperMod', () => {
    for (const site of SITES)
      for (const choice of CHOICES) {
        const keys = coverKeys(site, choice)
        const context = JSON.stringify({site, choice, keys})
        expect(paperModHides(keys, site, 'hiddenInSingle'), context).toBe(!choice.showOnPostPage)
        expect(paperModHides(keys, site, 'hiddenInList'), context).toBe(!choice.showInLists)
        expect(oldPaperModHidesOnPage(keys, site), context).toBe(!choice.showOnPostPage)
      }
  })

  it('add no key that could be left out', () => {
    for (const site of SITES)
      for (const choice of CHOICES) {
        const keys = coverKeys(site, choice)
        for (const name of ['hiddenInList', 'hiddenInSingle'] as const) {
          if (keys[name] === undefined) continue
          const {[name]: _dropped, ...fewer} = keys
          const place = name
          const shown = name === 'hiddenInList' ? choice.showInLists : choice.showOnPostPage
          expect(paperModHides(fewer, site, place), JSON.stringify({site, choice, name})).toBe(
            shown,
          )
        }
      }
  })

  it('on this blog (every site switch on): the four choices, the site’s own as the archetype writes it', () => {
    const site = {hidden: true, hiddenInList: true, hiddenInSingle: true}
    expect(siteCoverChoice(site)).toEqual({showOnPostPage: false, showInLists: false})
    expect(CHOICES.map((choice) => [choice, coverKeys(site, choice)])).toEqual([
      [
        {showOnPostPage: true, showInLists: true},
        {hidden: false, hiddenInList: false, hiddenInSingle: false},
      ],
      [
        {showOnPostPage: true, showInLists: false},
        {hidden: false, hiddenInSingle: false},
      ],
      [
        {showOnPostPage: false, showInLists: true},
        {hidden: true, hiddenInList: false},
      ],
      [{showOnPostPage: false, showInLists: false}, {hidden: true}],
    ])
  })
})

describe('the site’s cover params in the config', () => {
  it('default to the blog’s hugo.yaml, and are replaced whole: an unset switch means something', () => {
    expect(defineConfig().site.cover).toEqual({
      hidden: true,
      hiddenInList: true,
      hiddenInSingle: true,
    })
    expect(defineConfig({site: {cover: {hiddenInList: false}}}).site.cover).toEqual({
      hiddenInList: false,
    })
  })

  it('refuse what PaperMod would not read', () => {
    // Wrong on purpose: a hand-written config file is not type-checked.
    expect(() => defineConfig({site: {cover: {hiddenInSingles: true} as never}})).toThrow(
      new ConfigError(
        'site.cover.hiddenInSingles is not a cover switch; use hidden, hiddenInList, hiddenInSingle',
      ),
    )
    expect(() => defineConfig({site: {cover: {hidden: 'yes'} as never}})).toThrow(
      new ConfigError('site.cover.hidden must be true or false, got "yes"'),
    )
  })
})
