import {advancedTopicType} from './advancedTopic.ts'
import {applicationDomainType} from './applicationDomain.ts'
import {architectureSectionType} from './architectureSection.ts'
import {benchmarkRowType} from './benchmarkRow.ts'
import {bestPracticesSectionType} from './bestPracticesSection.ts'
import {blockContentType} from './blockContent.ts'
import {cacheLayerType} from './cacheLayer.ts'
import {citationType} from './citation.ts'
import {conclusionSectionType} from './conclusionSection.ts'
import {coverImageType} from './coverImage.ts'
import {dataFlowSectionType} from './dataFlowSection.ts'
import {dataPathType} from './dataPath.ts'
import {derivationStepType} from './derivationStep.ts'
import {designDecisionType} from './designDecision.ts'
import {designOptionType} from './designOption.ts'
import {detailsType} from './details.ts'
import {editPostSettingsType} from './editPostSettings.ts'
import {explanationPhaseType} from './explanationPhase.ts'
import {footnoteType} from './footnote.ts'
import {horizontalRuleType} from './horizontalRule.ts'
import {htmlEmbedType} from './htmlEmbed.ts'
import {htmlInlineType} from './htmlInline.ts'
import {hyperparameterRowType} from './hyperparameterRow.ts'
import {implementationSectionType} from './implementationSection.ts'
import {inlineTextType} from './inlineText.ts'
import {introductionSectionType} from './introductionSection.ts'
import {labelledItemType} from './labelledItem.ts'
import {mathBlockType} from './mathBlock.ts'
import {mathInlineType} from './mathInline.ts'
import {metricRowType} from './metricRow.ts'
import {misconceptionType} from './misconception.ts'
import {modelApplicationType} from './modelApplication.ts'
import {modelApplicationsSectionType} from './modelApplicationsSection.ts'
import {modelArchitectureSectionType} from './modelArchitectureSection.ts'
import {modelBackgroundSectionType} from './modelBackgroundSection.ts'
import {modelComparisonType} from './modelComparison.ts'
import {modelComparisonSectionType} from './modelComparisonSection.ts'
import {modelComponentType} from './modelComponent.ts'
import {modelFamilyPostType} from './modelFamilyPost.ts'
import {modelImplementationSectionType} from './modelImplementationSection.ts'
import {modelIntroductionSectionType} from './modelIntroductionSection.ts'
import {modelLimitationsSectionType} from './modelLimitationsSection.ts'
import {modelMathSectionType} from './modelMathSection.ts'
import {modelTrainingSectionType} from './modelTrainingSection.ts'
import {pitfallType} from './pitfall.ts'
import {postType} from './post.ts'
import {postBodyType} from './postBody.ts'
import {practicalExampleType} from './practicalExample.ts'
import {practiceProblemType} from './practiceProblem.ts'
import {problemStatementSectionType} from './problemStatementSection.ts'
import {readingLinkType} from './readingLink.ts'
import {realWorldExampleType} from './realWorldExample.ts'
import {requirementsSectionType} from './requirementsSection.ts'
import {scalabilitySectionType} from './scalabilitySection.ts'
import {slotTextType} from './slotText.ts'
import {systemComponentType} from './systemComponent.ts'
import {systemDesignPostType} from './systemDesignPost.ts'
import {techniqueComparisonType} from './techniqueComparison.ts'
import {techniqueComparisonSectionType} from './techniqueComparisonSection.ts'
import {techStackRowType} from './techStackRow.ts'
import {topicAdvancedSectionType} from './topicAdvancedSection.ts'
import {topicBackgroundSectionType} from './topicBackgroundSection.ts'
import {topicBestPracticesSectionType} from './topicBestPracticesSection.ts'
import {topicConceptType} from './topicConcept.ts'
import {topicConceptsSectionType} from './topicConceptsSection.ts'
import {topicConclusionSectionType} from './topicConclusionSection.ts'
import {topicExplanationSectionType} from './topicExplanationSection.ts'
import {topicImplementationSectionType} from './topicImplementationSection.ts'
import {topicIntroductionSectionType} from './topicIntroductionSection.ts'
import {topicKnowledgePostType} from './topicKnowledgePost.ts'
import {topicMathSectionType} from './topicMathSection.ts'
import {topicPrerequisitesSectionType} from './topicPrerequisitesSection.ts'
import {topicPropertyType} from './topicProperty.ts'
import {topicReadingSectionType} from './topicReadingSection.ts'
import {topicSourcesSectionType} from './topicSourcesSection.ts'
import {tradeOffType} from './tradeOff.ts'
import {zonedDatetimeType} from './zonedDatetime.ts'

/** Types shared by every post archetype: rich text and its parts, front-matter objects, sources. */
export const sharedTypes = [
  blockContentType,
  inlineTextType,
  slotTextType,
  mathBlockType,
  mathInlineType,
  htmlInlineType,
  footnoteType,
  detailsType,
  htmlEmbedType,
  labelledItemType,
  coverImageType,
  editPostSettingsType,
  zonedDatetimeType,
  citationType,
  readingLinkType,
  conclusionSectionType,
]

/** The system-design archetype: its document type and the objects only it uses. */
export const systemDesignTypes = [
  systemDesignPostType,
  introductionSectionType,
  problemStatementSectionType,
  requirementsSectionType,
  architectureSectionType,
  systemComponentType,
  designDecisionType,
  designOptionType,
  dataFlowSectionType,
  dataPathType,
  scalabilitySectionType,
  cacheLayerType,
  implementationSectionType,
  techStackRowType,
  tradeOffType,
  bestPracticesSectionType,
  metricRowType,
  realWorldExampleType,
  pitfallType,
]

/** The model-family archetype: its document type and the objects only it uses. */
export const modelFamilyTypes = [
  modelFamilyPostType,
  modelIntroductionSectionType,
  modelBackgroundSectionType,
  modelArchitectureSectionType,
  modelComponentType,
  modelMathSectionType,
  modelImplementationSectionType,
  modelTrainingSectionType,
  hyperparameterRowType,
  modelApplicationsSectionType,
  modelApplicationType,
  benchmarkRowType,
  modelComparisonSectionType,
  modelComparisonType,
  modelLimitationsSectionType,
]

/** The topic-knowledge archetype: its document type and the objects only it uses. */
export const topicKnowledgeTypes = [
  topicKnowledgePostType,
  topicIntroductionSectionType,
  topicPrerequisitesSectionType,
  topicBackgroundSectionType,
  topicConceptsSectionType,
  topicConceptType,
  topicMathSectionType,
  derivationStepType,
  topicPropertyType,
  topicExplanationSectionType,
  explanationPhaseType,
  practicalExampleType,
  topicImplementationSectionType,
  applicationDomainType,
  topicAdvancedSectionType,
  advancedTopicType,
  misconceptionType,
  topicBestPracticesSectionType,
  techniqueComparisonSectionType,
  techniqueComparisonType,
  topicConclusionSectionType,
  practiceProblemType,
  topicSourcesSectionType,
  topicReadingSectionType,
]

/** The generic post: front matter and one rich-text body, published as written. */
export const postTypes = [postType, postBodyType, horizontalRuleType]

export const schemaTypes = [
  ...postTypes,
  ...sharedTypes,
  ...systemDesignTypes,
  ...modelFamilyTypes,
  ...topicKnowledgeTypes,
]
