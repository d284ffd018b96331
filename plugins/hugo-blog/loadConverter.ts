import {useEffect, useState} from 'react'

export type Converter = typeof import('../../converter/index.ts')

let loading: Promise<Converter> | undefined

/**
 * The converter and its markdown libraries, loaded once on first use: they
 * are a large share of the Studio's weight and stay out of its first load.
 */
export function loadConverter(): Promise<Converter> {
  loading ??= import('../../converter/index.ts')
  return loading
}

/** The converter once it has loaded; undefined until then. */
export function useConverter(): Converter | undefined {
  const [converter, setConverter] = useState<Converter | undefined>(undefined)
  useEffect(() => {
    let live = true
    loadConverter().then((loaded) => {
      if (live) setConverter(loaded)
    })
    return () => {
      live = false
    }
  }, [])
  return converter
}
