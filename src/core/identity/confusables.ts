// TEMP stub until the confusables branch lands (not committed).
export const nameSkeleton = (s: string) => s.normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
export const mixedScript = (_s: string) => false;
