// Casts: named members defined once in `*.kling-cast.json`, used by shots by name.
export { analyzeCast, castAsMediaAnalysis, isCastFile, memberMediaRefs, type CastAnalysis, type CastMember } from './cast-file';
export { bindsVoices, buildCastBody, castNamesOf, memberElement, MENTION, takesElements, type BuiltCast, type CastIndex } from './build';
export { castFileShown, castMediaDiagnostics, castShotDiagnostics } from './rules';
export { CAST_NAME, castFileSchema, castJsonSchema, castMemberSchema, RESERVED_NAME } from './schema';
export { castCompletionsAt, castMemberAt, castSlotAt } from './assist';
export { memberKeyNode, memberNameProblem, renameInCast, renameInShot, renameMember, shotUsesMember, type MemberRename } from './rename';
export { addMemberEdits, addToShotCastEdits, castMemberNames, removeMemberEdits, shotCastNames } from './member-edits';
