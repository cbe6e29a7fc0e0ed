import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';

/** Master password rule (docs/security.md), shared so the renderer's meter and core's check never disagree. */
export const MIN_MASTER_PASSWORD_LENGTH = 12;
export const MIN_MASTER_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations: zxcvbnEn.translations,
    graphs: zxcvbnCommon.adjacencyGraphs,
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
  });
  return factory;
}

export interface PasswordAssessment {
  score: 0 | 1 | 2 | 3 | 4;
  warning: string;
  suggestions: string[];
  acceptable: boolean;
  length: number;
}

export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

export function assessPassword(password: string, userInputs: string[] = []): PasswordAssessment {
  const normalised = normalisePassword(password);
  const length = [...normalised].length;
  // zxcvbn's cost grows quickly with length; beyond 256 characters the length alone settles the question.
  const result = estimator().check(normalised.slice(0, 256), userInputs.filter(Boolean));
  return {
    score: result.score as PasswordAssessment['score'],
    warning: result.feedback.warning ?? '',
    suggestions: result.feedback.suggestions,
    acceptable: length >= MIN_MASTER_PASSWORD_LENGTH && result.score >= MIN_MASTER_PASSWORD_SCORE,
    length,
  };
}

/** The sentence shown when a master password is refused: what is missing, then zxcvbn's own advice. */
export function describeWeakPassword(assessment: PasswordAssessment): string {
  const reasons: string[] = [];
  if (assessment.length < MIN_MASTER_PASSWORD_LENGTH) {
    reasons.push(`it has ${assessment.length} characters and needs at least ${MIN_MASTER_PASSWORD_LENGTH}`);
  }
  if (assessment.score < MIN_MASTER_PASSWORD_SCORE) {
    reasons.push(`its strength is ${assessment.score}/4 and needs at least ${MIN_MASTER_PASSWORD_SCORE}/4`);
  }
  const advice = [assessment.warning, ...assessment.suggestions].filter(Boolean).join(' ');
  return `This master password is too weak: ${reasons.join('; ')}.${advice ? ` ${advice}` : ''} A few unrelated words make a strong one.`;
}
