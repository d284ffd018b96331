import {type MappingRow, mappingTable} from './mapping.ts'
import {
  type Archetype,
  bullets,
  fence,
  formula,
  kvList,
  labelled,
  labelledItems,
  labelledList,
  links,
  lyket,
  namedList,
  prose,
  references,
  repeat,
  section,
  staticMarkdown,
  sub,
} from './spec.ts'
import {CITATION_KIND_LABELS} from './systemDesign.ts'

/**
 * archetypes/topic-knowledge.md, section by section: a post that teaches one
 * topic, from prerequisites and formulas to examples, misconceptions and
 * practice problems. The archetype-coverage test checks this list against
 * the archetype file.
 */
export const topicKnowledgeArchetype: Archetype = {
  type: 'topicKnowledgePost',
  headline: {name: ['topicName'], fallback: 'title', tagline: 'subtitle'},
  opening: [
    [
      '{name} is {introduction.category} concept that {introduction.definition}.',
      '{name} is {introduction.category} concept.',
    ],
    [
      'Understanding this topic is crucial for {introduction.audience} because {introduction.importance}.',
      'Understanding this topic is crucial for {introduction.audience}.',
    ],
  ],
  lead: [prose('lead')],
  tocHeading: 'Table of Contents',
  sections: [
    section('Introduction', {toc: true, path: 'introduction'}, [
      prose('body'),
      sub('Learning Objectives', [
        labelledList('By the end of this post, you will understand', 'objectives', 'plain'),
      ]),
    ]),
    section('Prerequisites', {toc: true, path: 'prerequisites'}, [
      prose('body'),
      sub('Required Knowledge', [namedList('required', {ordered: false, bold: false})]),
      sub('Recommended Background', [bullets('recommended')]),
    ]),
    section('Background and Context', {toc: true, path: 'background'}, [
      prose('body'),
      sub('Historical Development', [
        namedList('milestones', {ordered: false, bold: true, placeholder: 'Year/Period'}),
      ]),
      sub('Why Was This Developed?', [prose('motivation')]),
      sub('Key Contributors', [namedList('contributors', {ordered: false, bold: false})]),
    ]),
    section('Fundamental Concepts', {toc: true, path: 'concepts'}, [
      repeat('items', 'Concept', 'name', [
        labelled('Definition', 'definition'),
        labelled('Explanation', 'explanation'),
        labelledList('Key Properties', 'keyProperties'),
        labelled('Visual Analogy', 'analogy'),
      ]),
      sub('How Concepts Relate', [prose('relations')]),
    ]),
    section('Mathematical Foundations', {toc: true, path: 'mathematics'}, [
      prose('overview'),
      sub('Basic Formulation', [
        prose('introduction'),
        formula('equation'),
        labelledList('Where', 'variables', 'plain'),
      ]),
      sub('Derivation', [
        labelledItems('derivation', 'Step', 'description', [formula('equation')]),
      ]),
      sub('Properties and Theorems', [
        repeat('properties', 'Property', 'name', [
          labelled('Statement', 'statement'),
          labelled('Proof/Intuition', 'proof'),
        ]),
      ]),
      sub('Complexity Analysis', [
        kvList(
          [
            {label: 'Time Complexity', path: 'timeComplexity'},
            {label: 'Space Complexity', path: 'spaceComplexity'},
            {label: 'Convergence Rate', path: 'convergenceRate'},
          ],
          true,
        ),
      ]),
    ]),
    section('Detailed Explanation', {toc: true, path: 'explanation'}, [
      sub('How It Works', [
        prose('overview'),
        repeat('phases', 'Phase', 'description', [prose('body')]),
      ]),
      sub('Intuitive Understanding', [prose('intuition')]),
      sub('Visual Example', [
        labelled('Example', 'example'),
        labelled('Input', 'input'),
        labelledList('Process', 'process'),
        labelled('Output', 'output'),
        labelled('Explanation', 'explanation'),
      ]),
    ]),
    section('Practical Examples', {toc: true, more: 'practicalExamplesMore'}, [
      repeat('examples', 'Example', 'title', [
        labelled('Problem', 'problem'),
        labelled('Solution', 'solution'),
        fence('code', 'python', 'Solution'),
        labelled('Explanation', 'explanation'),
        labelledList('Key Implementation Details', 'keyDetails'),
      ]),
    ]),
    section('Implementation', {toc: true, path: 'implementation'}, [
      sub('Full Implementation Guide', [prose('overview'), fence('code', 'python')]),
      sub('Implementation Notes', [
        namedList('notes', {ordered: false, bold: true, placeholder: 'Note {n}'}),
      ]),
    ]),
    section('Applications and Use Cases', {toc: true, more: 'applicationsMore'}, [
      repeat('applications', 'Application Domain', 'name', [
        labelled('Use Case', 'useCase'),
        labelled("Why It's Useful", 'benefits'),
        labelledList('Implementation Considerations', 'considerations'),
        labelledList('Real-World Examples', 'examples'),
      ]),
    ]),
    section('Advanced Topics', {toc: true, path: 'advanced'}, [
      repeat('topics', 'Advanced Topic', 'name', [
        labelled('Concept', 'concept'),
        labelled('When to Use', 'whenToUse'),
        labelled('Trade-offs', 'tradeOffs'),
        formula('formula', {text: 'Mathematical Formulation', form: 'outside'}),
      ]),
      sub('Cutting-Edge Research', [bullets('research')]),
    ]),
    section('Common Misconceptions', {toc: true, more: 'misconceptionsMore'}, [
      repeat('misconceptions', 'Misconception', 'statement', [
        labelled("Why It's Wrong", 'whyWrong'),
        labelled('The Truth', 'truth'),
      ]),
    ]),
    section('Best Practices', {toc: true, path: 'bestPractices'}, [
      sub('When to Use This Technique', [
        labelledList('Good Use Cases', 'goodUseCases', 'outside', '✅ '),
        labelledList('Not Recommended For', 'notRecommended', 'outside', '❌ '),
      ]),
      sub('Implementation Guidelines', [
        namedList('guidelines', {ordered: true, bold: true, placeholder: 'Guideline {n}'}),
      ]),
      sub('Performance Optimization', [
        namedList('optimizations', {ordered: false, bold: true, placeholder: 'Optimization {n}'}),
      ]),
      sub('Debugging Tips', [
        namedList('debuggingTips', {ordered: false, bold: true, placeholder: 'Tip {n}'}),
      ]),
    ]),
    section('Comparison with Related Techniques', {toc: false, path: 'comparison'}, [
      repeat(
        'techniques',
        'vs.',
        'technique',
        [
          prose('body'),
          labelledList('Similarities', 'similarities'),
          labelledList('Differences', 'differences'),
          labelledList('When to Choose Each', 'whenToChoose'),
        ],
        false,
      ),
    ]),
    section('Interactive Elements', {toc: false, more: 'likeButtonsMore'}, [
      lyket('showLikeButtons'),
    ]),
    section('Conclusion', {toc: true, path: 'conclusion'}, [
      prose('summary'),
      sub('Key Takeaways', [bullets('keyTakeaways')]),
      sub('Next Steps', [labelledList('To deepen your understanding', 'nextSteps', 'plain')]),
      sub('Practice Problems', [labelledItems('problems', 'Problem', 'description', [])]),
    ]),
    section('References', {toc: false, path: 'sources'}, [
      sub('Papers', [references('papers', CITATION_KIND_LABELS)]),
      sub('Books', [references('books', CITATION_KIND_LABELS)]),
      sub('Online Resources', [references('online', CITATION_KIND_LABELS)]),
    ]),
    section('Further Reading', {toc: false, path: 'reading'}, [
      sub('Beginner Level', [links('beginner')]),
      sub('Intermediate Level', [links('intermediate')]),
      sub('Advanced Level', [links('advanced')]),
      sub('Related Topics', [links('related')]),
    ]),
  ],
  // The rule and the line point at the like buttons, and go with them.
  footer: [
    staticMarkdown('---', true),
    staticMarkdown('*Found this post helpful? Leave feedback using the buttons above!*', true),
  ],
}

/** The topic-knowledge mapping table (archetype slot → schema field paths). */
export const topicKnowledgeMapping = (): MappingRow[] => mappingTable(topicKnowledgeArchetype)
