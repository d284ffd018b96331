import {ActivityIcon} from '@sanity/icons/Activity'
import {BookIcon} from '@sanity/icons/Book'
import {DocumentIcon} from '@sanity/icons/Document'
import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {Box, Button, Card, Flex, Heading, Stack, Text} from '@sanity/ui'
import {forwardRef} from 'react'
import {IntentLink} from 'sanity/router'
import {MODEL_FAMILY_POST} from '../../schemas/modelFamilyPost.ts'
import {POST} from '../../schemas/post.ts'
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import {TOPIC_KNOWLEDGE_POST} from '../../schemas/topicKnowledgePost.ts'

/** The kinds of post, as a writer choosing between them needs them described. */
export const POST_KINDS = [
  {
    type: SYSTEM_DESIGN_POST,
    icon: DocumentTextIcon,
    title: 'System design post',
    button: 'Write a system design post',
    description:
      'The design of one system or concept, written section by section from the blog’s archetype: problem, requirements, architecture, components, decisions, data flow, scaling, trade-offs and more. Each section has its own tab and help text; sections you leave empty are left out.',
  },
  {
    type: MODEL_FAMILY_POST,
    icon: ActivityIcon,
    title: 'Model family post',
    button: 'Write a model family post',
    description:
      'One family of models, from the blog’s model-family archetype: background, architecture and key components, mathematical foundations, implementation, training, applications, comparison with other models, and limitations, with formulas and code.',
  },
  {
    type: TOPIC_KNOWLEDGE_POST,
    icon: BookIcon,
    title: 'Topic knowledge post',
    button: 'Write a topic knowledge post',
    description:
      'One concept explained in depth, from the blog’s topic-knowledge archetype: prerequisites, fundamental concepts, mathematical foundations, worked examples, implementation, advanced topics, common misconceptions and comparisons with related techniques.',
  },
  {
    type: POST,
    icon: DocumentIcon,
    title: 'Free-form post',
    button: 'Write a free-form post',
    description:
      'Anything else: a tutorial, an essay, notes. One text with your own headings, published exactly as written.',
  },
] as const

type AnchorProps = React.ComponentProps<'a'>

/** A link that starts a new post of `type` from its template. */
function createLink(type: string) {
  return forwardRef<HTMLAnchorElement, AnchorProps>((props, ref) => (
    <IntentLink {...props} ref={ref} intent="create" params={{type, template: type}} />
  ))
}

const KINDS = POST_KINDS.map((kind) => ({...kind, link: createLink(kind.type)}))

/** The first thing a writer opens: which kind of post to write, and a button to start it. */
export function StartHere() {
  return (
    <Box padding={4} data-testid="start-here">
      <Stack gap={4} style={{maxWidth: 560}}>
        <Heading size={2}>Which kind of post?</Heading>
        {KINDS.map((kind) => (
          <Card key={kind.type} padding={4} radius={3} border>
            <Stack gap={4}>
              <Flex align="center" gap={3}>
                <Text size={2}>
                  <kind.icon />
                </Text>
                <Heading as="h3" size={1}>
                  {kind.title}
                </Heading>
              </Flex>
              <Text size={1} muted>
                {kind.description}
              </Text>
              <Flex>
                <Button as={kind.link} tone="primary" text={kind.button} />
              </Flex>
            </Stack>
          </Card>
        ))}
        <Text size={1} muted>
          Posts you have started are under “System design posts” and “Free-form posts”, in “Not on
          the blog yet”.
        </Text>
      </Stack>
    </Box>
  )
}
