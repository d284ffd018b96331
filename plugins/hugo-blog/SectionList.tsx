import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import {CircleIcon} from '@sanity/icons/Circle'
import {Button, Card, Flex, Stack, Text} from '@sanity/ui'
import type {Path} from 'sanity'
import type {Completeness} from './helpers/completeness.ts'

/** The archetype's sections in order, each marked filled or empty (left out of the post). */
export function SectionList(props: {
  completeness: Completeness
  onOpenField: ((path: Path) => void) | undefined
}) {
  const {completeness, onOpenField} = props
  return (
    <Stack gap={3}>
      <Text size={1} muted>
        {completeness.filled.length} of {completeness.sections.length} archetype sections have
        content. Empty sections are left out of the post, together with their table-of-contents
        entry.
      </Text>
      <Stack as="ul" gap={1} style={{margin: 0, padding: 0, listStyle: 'none'}}>
        {completeness.sections.map((section) => (
          <Card
            as="li"
            key={section.heading}
            padding={2}
            radius={2}
            tone={section.filled ? 'positive' : 'transparent'}
            data-testid="hugo-markdown-section"
            data-filled={section.filled}
          >
            <Flex align="center" gap={3}>
              <Text size={1}>{section.filled ? <CheckmarkCircleIcon /> : <CircleIcon />}</Text>
              <Stack gap={2} flex={1}>
                <Text size={1} weight={section.filled ? 'semibold' : 'regular'}>
                  {section.heading}
                </Text>
                {section.filled ? null : (
                  <Text size={0} muted>
                    Empty: left out of the post
                  </Text>
                )}
              </Stack>
              {!section.filled && onOpenField && section.field ? (
                <Button
                  mode="bleed"
                  fontSize={1}
                  padding={2}
                  text="Write it"
                  onClick={() => onOpenField(section.field.split('.'))}
                />
              ) : null}
            </Flex>
          </Card>
        ))}
      </Stack>
    </Stack>
  )
}
