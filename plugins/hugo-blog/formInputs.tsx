import type {ReactNode} from 'react'
import {type InputProps, isStringInputProps, type SchemaType} from 'sanity'
import type {SiteConfig} from '../../converter/config.ts'
import {ZONED_DATETIME} from '../../schemas/zonedDatetime.ts'
import {OpensPreview} from './previewInspector.tsx'
import {ZonedDateTimeInput} from './ZonedDateTimeInput.tsx'

function isZonedDatetime(schemaType: SchemaType): boolean {
  // The chain of types ends in null at the built-in type, whatever the typings say.
  for (let type: SchemaType | null | undefined = schemaType; type; type = type.type)
    if (type.name === ZONED_DATETIME) return true
  return false
}

/**
 * The form's inputs, as the plugin changes them: post dates get the input that
 * keeps their offset (it needs the site's zone), a post's form opens the preview
 * beside it; every other input is Sanity's.
 */
export function hugoBlogInputs(site: SiteConfig, postTypes: readonly string[]) {
  // biome-ignore lint/correctness/noComponentHookFactories: made once per plugin instance, when the Studio's config is resolved, so React sees one stable component; inputs have no other way to get the site's options.
  return function HugoBlogInput(props: InputProps): ReactNode {
    if (isStringInputProps(props) && isZonedDatetime(props.schemaType))
      return <ZonedDateTimeInput {...props} siteTimeZone={site.timeZone} />
    if (props.path.length === 0 && postTypes.includes(props.schemaType.name))
      return <OpensPreview>{props.renderDefault(props)}</OpensPreview>
    return props.renderDefault(props)
  }
}
