import {Flex, Select, Stack, Text, TextInput} from '@sanity/ui'
import {useMemo, useState} from 'react'
import {type StringInputProps, set, unset} from 'sanity'
import {zoneOffsetAt} from '../../converter/render/date.ts'
import {describeTime} from '../../converter/schedule.ts'
import {writerTimeZone} from '../../schemas/frontMatterFields.ts'
import {
  elsewhere,
  offsetAtWall,
  offsetChoices,
  offsetLabel,
  shownDate,
  storedDate,
} from './helpers/zonedTime.ts'

export type ZonedDateTimeInputProps = StringInputProps & {
  /** The blog's zone: a date stored as a UTC instant is shown, and exported, in it. */
  siteTimeZone: string
  /** The writer's zone; the browser's by default. */
  writerZone?: string | undefined
}

/**
 * A date and time shown and edited at the offset it is stored with, which is the
 * one the blog shows, next to a choice of offset. A new date takes the writer's
 * zone; changing the offset keeps the time as typed, and so moves the instant.
 */
export function ZonedDateTimeInput(props: ZonedDateTimeInputProps) {
  const {value, onChange, elementProps, readOnly, siteTimeZone} = props
  const writerZone = useMemo(() => props.writerZone ?? writerTimeZone(), [props.writerZone])
  const shown = shownDate(value, siteTimeZone)
  // Before there is a date, an offset picked first waits for it.
  const [pending, setPending] = useState<number>()
  const offset = shown?.offset ?? pending ?? zoneOffsetAt(Date.now(), writerZone)
  const local = shown === undefined ? undefined : elsewhere(value, shown, writerZone)

  const setWall = (wall: string) => {
    if (wall === '') {
      onChange(unset())
      return
    }
    const at = shown?.offset ?? pending ?? offsetAtWall(wall, writerZone)
    const text = at === undefined ? undefined : storedDate(wall, at)
    if (text !== undefined) onChange(set(text))
  }
  const setOffset = (next: number) => {
    const text = shown === undefined ? undefined : storedDate(shown.wall, next)
    if (text === undefined) setPending(next)
    else onChange(set(text))
  }

  return (
    <Stack gap={2}>
      <Flex gap={2}>
        <TextInput
          {...elementProps}
          type="datetime-local"
          value={shown?.wall ?? ''}
          onChange={(event) => setWall(event.currentTarget.value)}
          data-testid="zoned-date-time"
        />
        <Select
          aria-label="Time zone"
          value={String(offset)}
          disabled={readOnly}
          onChange={(event) => setOffset(Number(event.currentTarget.value))}
          data-testid="zoned-date-offset"
        >
          {offsetChoices(offset).map((choice) => (
            <option key={choice} value={String(choice)}>
              {offsetLabel(choice)}
            </option>
          ))}
        </Select>
      </Flex>
      {local === undefined ? null : (
        <Text size={1} muted data-testid="zoned-date-local">
          In your time zone that is {describeTime(local)}.
        </Text>
      )}
    </Stack>
  )
}
