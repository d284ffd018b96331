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
import {designDecisionType} from './designDecision.ts'
import {designOptionType} from './designOption.ts'
import {detailsType} from './details.ts'
import {editPostSettingsType} from './editPostSettings.ts'
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
import {problemStatementSectionType} from './problemStatementSection.ts'
import {readingLinkType} from './readingLink.ts'
import {realWorldExampleType} from './realWorldExample.ts'
import {requirementsSectionType} from './requirementsSection.ts'
import {scalabilitySectionType} from './scalabilitySection.ts'
import {slotTextType} from './slotText.ts'
import {systemComponentType} from './systemComponent.ts'
import {systemDesignPostType} from './systemDesignPost.ts'
import {techStackRowType} from './techStackRow.ts'
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

/** The generic post: front matter and one rich-text body, published as written. */
export const postTypes = [postType, postBodyType, horizontalRuleType]

export const schemaTypes = [...postTypes, ...sharedTypes, ...systemDesignTypes, ...modelFamilyTypes]
