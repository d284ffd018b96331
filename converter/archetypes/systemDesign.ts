import {type MappingRow, mappingTable} from './mapping.ts'
import {
  type Archetype,
  bullets,
  countedList,
  fence,
  kvList,
  labelled,
  labelledList,
  links,
  lyket,
  namedList,
  numberedNamed,
  prose,
  references,
  repeat,
  section,
  staticMarkdown,
  sub,
  table,
} from './spec.ts'

/**
 * archetypes/system-design.md, section by section. Each heading and
 * `**Label**:` appears here with the schema field it is written from; the
 * archetype-coverage test checks this list against the archetype file.
 */

/** The words written after a reference, by its `kind` (the schema's citation kinds). */
export const CITATION_KIND_LABELS: Readonly<Record<string, string>> = {
  book: 'Book',
  article: 'Article',
  blog: 'Blog post',
  paper: 'Research paper',
  docs: 'Documentation',
  'case-study': 'Case study',
}

export const systemDesignArchetype: Archetype = {
  type: 'systemDesignPost',
  headline: {name: ['systemName'], fallback: 'title', tagline: 'tagline'},
  opening: [
    [
      '{name} is {introduction.systemType} that {introduction.mainPurpose}.',
      '{name} is {introduction.systemType}.',
      '{name} {introduction.mainPurpose}.',
    ],
    [
      'It is essential for {introduction.useCase} and enables {introduction.keyBenefits}.',
      'It is essential for {introduction.useCase}.',
      'It enables {introduction.keyBenefits}.',
    ],
  ],
  lead: [prose('lead')],
  tocHeading: 'Table of Contents',
  sections: [
    section('Introduction', {toc: true, path: 'introduction'}, [prose('body')]),
    section('Problem Statement', {toc: true, path: 'problemStatement'}, [
      prose('definition'),
      sub('Key Challenges', [bullets('keyChallenges')]),
      sub('Success Criteria', [bullets('successCriteria')]),
    ]),
    section('Requirements', {toc: true, path: 'requirements'}, [
      sub('Functional Requirements', [numberedNamed('functional', 'Requirement {n}')]),
      sub('Non-Functional Requirements', [
        sub(
          'Performance',
          [
            kvList([
              {label: 'Latency', path: 'latency'},
              {label: 'Throughput', path: 'throughput'},
              {label: 'Concurrent users', path: 'concurrentUsers'},
            ]),
          ],
          'performance',
        ),
        sub('Scalability', [bullets('scalability')]),
        sub(
          'Reliability',
          [
            kvList([
              {label: 'Availability', path: 'availability'},
              {label: 'Fault tolerance', path: 'faultTolerance'},
              {label: 'Data durability', path: 'durability'},
            ]),
          ],
          'reliability',
        ),
        sub('Security', [bullets('security')]),
      ]),
    ]),
    section('High-Level Architecture', {toc: true, path: 'architecture'}, [
      fence('diagram'),
      sub('Architecture Overview', [prose('overview')]),
    ]),
    section('Core Components', {toc: true, more: 'coreComponentsMore'}, [
      repeat('components', 'Component', 'name', [
        labelled('Purpose', 'purpose'),
        labelledList('Responsibilities', 'responsibilities'),
        labelled('Technology Choices', 'technologyChoices'),
        labelledList('Key Features', 'keyFeatures'),
      ]),
    ]),
    section('Design Decisions', {toc: true, more: 'designDecisionsMore'}, [
      repeat('designDecisions', 'Decision', 'title', [
        labelled('Context', 'context'),
        countedList(
          'Options Considered',
          'options',
          {
            noun: 'Option',
            numbering: 'letter',
            bold: true,
            fields: ['name'],
            separator: '',
            details: [
              {label: 'Pros', path: 'pros'},
              {label: 'Cons', path: 'cons'},
            ],
          },
          true,
        ),
        labelled('Decision', 'decision'),
        labelled('Consequences', 'consequences'),
      ]),
    ]),
    section('Data Flow', {toc: true, path: 'dataFlow'}, [
      sub(
        'Write Path',
        [namedList('steps', {ordered: true, bold: false}), fence('flow')],
        'writePath',
      ),
      sub(
        'Read Path',
        [namedList('steps', {ordered: true, bold: false}), fence('flow')],
        'readPath',
      ),
      sub('Data Model', [prose('dataModel')]),
    ]),
    section('Scalability Considerations', {toc: true, path: 'scalability'}, [
      sub('Horizontal Scaling', [bullets('horizontal')]),
      sub('Vertical Scaling', [bullets('vertical')]),
      sub('Caching Strategy', [
        countedList('Cache Layers', 'cacheLayers', {
          noun: 'Layer',
          numbering: 'number',
          bold: false,
          fields: ['cacheType', 'purpose'],
          separator: ' — ',
          details: [],
        }),
        labelled('Cache Invalidation', 'cacheInvalidation'),
      ]),
      sub(
        'Database Sharding',
        [
          kvList([
            {label: 'Sharding strategy', path: 'strategy'},
            {label: 'Shard key selection', path: 'shardKey'},
            {label: 'Data distribution', path: 'distribution'},
          ]),
        ],
        'sharding',
      ),
      sub(
        'Load Balancing',
        [
          kvList([
            {label: 'Algorithm', path: 'algorithm'},
            {label: 'Health checks', path: 'healthChecks'},
            {label: 'Failover strategy', path: 'failover'},
          ]),
        ],
        'loadBalancing',
      ),
    ]),
    section('Implementation Details', {toc: true, path: 'implementation'}, [
      sub('Technology Stack', [
        table('techStack', [
          {header: 'Component', path: 'component'},
          {header: 'Technology', path: 'technology'},
          {header: 'Reason', path: 'reason'},
        ]),
      ]),
      sub('Code Example', [prose('codeExamples')]),
      sub('Configuration Management', [fence('configuration', 'yaml')]),
    ]),
    section('Trade-offs', {toc: true, more: 'tradeOffsMore'}, [
      repeat('tradeOffs', 'Trade-off', 'title', [
        labelled('Benefit', 'benefit'),
        labelled('Cost', 'cost'),
        labelled('Decision', 'decision'),
      ]),
    ]),
    section('Best Practices', {toc: true, path: 'bestPractices'}, [
      sub('Development', [namedList('development', {ordered: false, bold: false})]),
      sub('Deployment', [namedList('deployment', {ordered: false, bold: false})]),
      sub('Monitoring and Maintenance', [
        sub('Key Metrics to Monitor', [
          table('metrics', [
            {header: 'Metric', path: 'metric'},
            {header: 'Threshold', path: 'threshold'},
            {header: 'Alert Condition', path: 'alertCondition'},
          ]),
        ]),
        sub('Logging Strategy', [bullets('logging')]),
      ]),
      sub('Security', [namedList('security', {ordered: false, bold: false})]),
    ]),
    section('Real-World Examples', {toc: true, more: 'realWorldExamplesMore'}, [
      repeat('realWorldExamples', 'Example', 'company', [
        bullets('description'),
        labelled('Scale', 'scale'),
        labelledList('Key Learnings', 'keyLearnings'),
      ]),
    ]),
    section('Common Pitfalls', {toc: false, more: 'pitfallsMore'}, [
      repeat('pitfalls', 'Pitfall', 'title', [
        labelled('Problem', 'problem'),
        labelled('Solution', 'solution'),
      ]),
    ]),
    section('Interactive Elements', {toc: false, more: 'likeButtonsMore'}, [
      lyket('showLikeButtons'),
    ]),
    section('Conclusion', {toc: true, path: 'conclusion'}, [
      prose('summary'),
      sub('Key Takeaways', [bullets('keyTakeaways')]),
    ]),
    section('References', {toc: false, more: 'referencesMore'}, [
      references('references', CITATION_KIND_LABELS),
    ]),
    section('Further Reading', {toc: false, more: 'furtherReadingMore'}, [links('furtherReading')]),
  ],
  // The rule and the line point at the like buttons, and go with them.
  footer: [
    staticMarkdown('---', true),
    staticMarkdown('*Found this post helpful? Leave feedback using the buttons above!*', true),
  ],
}

/** The system-design mapping table (archetype slot → schema field paths). */
export const systemDesignMapping = (): MappingRow[] => mappingTable(systemDesignArchetype)
