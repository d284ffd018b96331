import {type MappingRow, mappingTable} from './mapping.ts'
import {
  type Archetype,
  bullets,
  fence,
  formula,
  kvList,
  labelledList,
  links,
  lyket,
  prose,
  references,
  repeat,
  section,
  staticMarkdown,
  sub,
  table,
} from './spec.ts'
import {CITATION_KIND_LABELS} from './systemDesign.ts'

/**
 * archetypes/model-family.md, section by section: a post about one model or
 * family of models. The archetype-coverage test checks this list against
 * the archetype file.
 */
export const modelFamilyArchetype: Archetype = {
  type: 'modelFamilyPost',
  headline: {name: ['modelName'], fallback: 'title', tagline: 'tagline'},
  opening: [
    [
      '{name} is {introduction.modelType} introduced in {introduction.origin} that {introduction.mainContribution}.',
      '{name} is {introduction.modelType} introduced in {introduction.origin}.',
      '{name} is {introduction.modelType} that {introduction.mainContribution}.',
      '{name} is {introduction.modelType}.',
    ],
    [
      'It has become {introduction.significance} and is widely used for {introduction.applications}.',
      'It has become {introduction.significance}.',
      'It is widely used for {introduction.applications}.',
    ],
  ],
  lead: [prose('lead')],
  tocHeading: 'Table of Contents',
  sections: [
    section('Introduction', {toc: true, path: 'introduction'}, [prose('body')]),
    section('Background and Motivation', {toc: true, path: 'background'}, [
      prose('body'),
      sub('Prior Work', [prose('priorWork')]),
      sub('Key Innovations', [bullets('keyInnovations')]),
    ]),
    section('Architecture Overview', {toc: true, path: 'architecture'}, [
      prose('overview'),
      sub('Model Structure', [prose('structure')]),
      sub('Input and Output', [
        kvList(
          [
            {label: 'Input', path: 'input'},
            {label: 'Output', path: 'output'},
          ],
          true,
        ),
      ]),
    ]),
    section('Key Components', {toc: true, more: 'keyComponentsMore'}, [
      repeat('components', 'Component', 'name', [
        prose('description'),
        formula('formula', {text: 'Mathematical Formulation', form: 'inside'}),
        labelledList('Where', 'variables', 'plain'),
      ]),
    ]),
    section('Mathematical Foundations', {toc: true, path: 'mathematics'}, [
      prose('overview'),
      sub('Loss Function', [formula('lossFunction')]),
      sub('Optimization', [prose('optimization')]),
      sub('Complexity Analysis', [
        kvList(
          [
            {label: 'Time Complexity', path: 'timeComplexity'},
            {label: 'Space Complexity', path: 'spaceComplexity'},
            {label: 'Parameters', path: 'parameters'},
          ],
          true,
        ),
      ]),
    ]),
    section('Implementation', {toc: true, path: 'implementation'}, [
      prose('overview'),
      sub('PyTorch Implementation', [fence('pytorch', 'python')]),
      sub('Key Implementation Details', [bullets('keyDetails')]),
    ]),
    section('Training Details', {toc: true, path: 'training'}, [
      sub('Hyperparameters', [
        table('hyperparameters', [
          {header: 'Hyperparameter', path: 'name'},
          {header: 'Value', path: 'value'},
          {header: 'Description', path: 'description'},
        ]),
      ]),
      sub('Training Procedure', [bullets('procedure')]),
      sub('Best Practices', [bullets('bestPractices')]),
    ]),
    section('Applications', {toc: true, path: 'applications'}, [
      repeat('domains', 'Application', 'domain', [prose('description')]),
      sub('Benchmark Results', [
        table('benchmarks', [
          {header: 'Dataset', path: 'dataset'},
          {header: 'Metric', path: 'metric'},
          {header: 'Score', path: 'score'},
          {header: 'Comparison', path: 'comparison'},
        ]),
      ]),
    ]),
    section('Comparison with Other Models', {toc: true, path: 'comparison'}, [
      repeat('models', 'vs.', 'model', [prose('body')], false),
      sub('When to Use This Model', [bullets('whenToUse')]),
    ]),
    section('Limitations and Future Work', {toc: true, path: 'limitations'}, [
      sub('Current Limitations', [bullets('current')]),
      sub('Future Directions', [bullets('futureDirections')]),
    ]),
    section('Interactive Elements', {toc: false, more: 'likeButtonsMore'}, [
      lyket('showLikeButtons'),
    ]),
    section('Conclusion', {toc: true, more: 'conclusionMore'}, [prose('conclusion')]),
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

/** The model-family mapping table (archetype slot → schema field paths). */
export const modelFamilyMapping = (): MappingRow[] => mappingTable(modelFamilyArchetype)
